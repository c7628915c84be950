#!/usr/bin/env bash
# Starts the portal for the demo: the upstream simulator (GitHub, GitLab, Jira, ServiceNow, Argo CD
# and a Kubernetes cluster on :7100, serving the demo organisation's generated history, or
# SCENARIO=<file>), the backend on :7007 (SQLite in data/sqlite) and the frontend dev server on
# :3000. Ctrl-C stops everything this started.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

mkdir -p data/sqlite
# The backend accepts GitHub webhooks signed with this secret (app-config.yaml, events:); the demo's
# is as public as the simulator's token. Unset, the backend would not receive webhooks at all.
export GITHUB_WEBHOOK_SECRET="${GITHUB_WEBHOOK_SECRET:-change-compliance-demo-webhooks}"
pids=()
# Stops every process group this started: politely first, then for good after 15 seconds (the
# frontend dev server otherwise waits for a second Ctrl-C).
stop() {
  trap - INT TERM EXIT
  local pid alive
  for pid in "${pids[@]}"; do
    kill -TERM -- "-$pid" 2>/dev/null || true
  done
  for _ in $(seq 1 15); do
    alive=0
    for pid in "${pids[@]}"; do
      if kill -0 -- "-$pid" 2>/dev/null; then alive=1; fi
    done
    [ "$alive" = 0 ] && return 0
    sleep 1
  done
  for pid in "${pids[@]}"; do
    kill -KILL -- "-$pid" 2>/dev/null || true
  done
}
# Ctrl-C is how a demo ends: not an error.
trap 'stop; exit 0' INT TERM
trap stop EXIT

# Each in its own process group, so that stopping it stops its children too.
simulator_args=(--port 7100)
if [ -n "${SCENARIO:-}" ]; then
  simulator_args+=(--scenario "$(realpath "$SCENARIO")")
fi
setsid yarn workspace @internal/upstream-simulator start "${simulator_args[@]}" &
pids+=($!)
setsid yarn workspace backend start &
pids+=($!)
BROWSER=none setsid yarn workspace app start &
pids+=($!)

wait_for() {
  local url="$1" name="$2"
  for _ in $(seq 1 600); do
    if curl -fsS -o /dev/null "$url" 2>/dev/null; then
      return 0
    fi
    for pid in "${pids[@]}"; do
      kill -0 "$pid" 2>/dev/null || { echo "start: the $name stopped before it answered" >&2; exit 1; }
    done
    sleep 1
  done
  echo "start: the $name did not answer at $url within 10 minutes" >&2
  exit 1
}
wait_for http://localhost:7100/_simulator/faults "upstream simulator"
wait_for http://localhost:7007/api/change-compliance/health backend
wait_for http://localhost:3000 frontend

echo
echo "  The portal is up: http://localhost:3000"
echo "  Backend: http://localhost:7007 (health: /api/change-compliance/health)"
echo "  Upstream simulator: http://localhost:7100 (GitHub /api/v3, GitLab /gitlab/api/v4, Jira /jira,"
echo "    ServiceNow /servicenow, Argo CD /argocd/{prod,staging}, Kubernetes /kubernetes;"
echo "    expected verdicts: /_simulator/expected?source=github|gitlab|argocd)"
echo "  GitHub webhooks: http://localhost:7007/api/events/http/github (the simulator replays its"
echo "    history's there: plugins/change-compliance-backend-module-github/README.md, Webhooks)"
echo "  Ctrl-C stops it."
echo
wait -n "${pids[@]}"
