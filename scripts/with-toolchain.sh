#!/usr/bin/env bash
# Runs a command with the project's Node (see ensure-node.sh) and yarn first on PATH, and native
# addons built against that Node's headers.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
node_bin="$("$root/scripts/ensure-node.sh")"
export PATH="$root/.toolchain/bin:$node_bin:$PATH"
export npm_config_nodedir="$(cd "$node_bin/.." && pwd)"
exec "$@"
