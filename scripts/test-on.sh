#!/usr/bin/env bash
# Runs `npm test` (or the npm script named after VERSION, with the arguments after it) on Node
# VERSION, installed by scripts/node.sh:  scripts/test-on.sh 26.12.1
set -euo pipefail
version=${1:?usage: scripts/test-on.sh VERSION [npm script, default test] [arguments]}
bin=$("$(dirname "$0")/node.sh" "$version")
cd "$(dirname "$0")/.."
PATH="$bin:$PATH" npm run "${2:-test}" -- "${@:3}"
