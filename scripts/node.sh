#!/usr/bin/env bash
# Installs the official Node binary VERSION (the npm registry's node-<os>-<arch> package) under
# .node/VERSION in this repository, unless it is there already, and prints its bin folder:
#   PATH="$(scripts/node.sh 22.21.1):$PATH" npm test
set -euo pipefail
version=${1:?usage: scripts/node.sh VERSION (e.g. 22.21.1)}
case "$(uname -s)" in
  Linux) os=linux ;;
  Darwin) os=darwin ;;
  *) echo "scripts/node.sh: no Node package for $(uname -s)" >&2; exit 1 ;;
esac
case "$(uname -m)" in
  x86_64 | amd64) arch=x64 ;;
  aarch64 | arm64) arch=arm64 ;;
  *) echo "scripts/node.sh: no Node package for $(uname -m)" >&2; exit 1 ;;
esac
root=$(cd "$(dirname "$0")/.." && pwd)
dir="$root/.node/$version"
bin="$dir/node_modules/node-$os-$arch/bin"
if [ ! -x "$bin/node" ]; then
  # Its own folder, outside the project's package.json: nothing of the project is installed or saved.
  mkdir -p "$dir"
  echo '{"private":true}' >"$dir/package.json"
  npm install --prefix "$dir" --no-save --no-audit --no-fund --loglevel=error \
    "node-$os-$arch@$version" >&2
fi
"$bin/node" --version >/dev/null
echo "$bin"
