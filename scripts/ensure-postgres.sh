#!/usr/bin/env bash
# Store tests run on PostgreSQL 15 as well as SQLite. These machines have a PostgreSQL cluster at
# 127.0.0.1:5432 (trust auth); start it if it is down. Prints nothing when it is up.
set -euo pipefail
if pg_isready -q -h 127.0.0.1 -p 5432 2>/dev/null; then
  exit 0
fi
if command -v pg_ctlcluster >/dev/null 2>&1 && [ -d /etc/postgresql ]; then
  echo "ensure-postgres: starting the local PostgreSQL cluster" >&2
  pg_ctlcluster --skip-systemctl-redirect "$(ls /etc/postgresql | head -n 1)" main start
  for _ in $(seq 1 30); do
    pg_isready -q -h 127.0.0.1 -p 5432 && exit 0
    sleep 1
  done
fi
echo "ensure-postgres: no PostgreSQL answers at 127.0.0.1:5432" >&2
exit 1
