#!/usr/bin/env bash
# The main job on the embedded default, no cluster or cloud account needed: reads the example GitOps repository's
# dev secrets, plans against a local file-backed secret store, syncs, and plans again (which finds nothing to do).
# Builds the runtime image first when it is missing or older than the sources.
#
#   scripts/demo.sh            # store in .secret-store/ (run it twice: the second sync changes nothing)
#   STORE=/tmp/s scripts/demo.sh
#   STORE=gcp:PROJECT scripts/demo.sh   # Secret Manager (scripts/demo-gcp.sh does this against a local fake)
set -euo pipefail
cd "$(dirname "$0")/.."

launcher=target/image/bin/secret-manager-controller
if [ ! -x "$launcher" ] || [ -n "$(find pom.xml src -newer "$launcher" -print -quit)" ]; then
  echo "building (mvn package) ..."
  mvn -B -q package -DskipTests
fi

store=${STORE:-.secret-store}
[[ "$store" == gcp:* ]] || store="local:$store"
args=(--source examples/gitops-repo --config examples/secretmanagerconfig.yaml --store "$store")

step() {
  echo
  echo "\$ secret-manager-controller $1 ${args[*]}"
  local code=0
  "$launcher" "$@" "${args[@]}" || code=$?
  echo "(exit code $code)"
  # plan exits 2 when changes are pending; only 1 is an error.
  [ "$code" -ne 1 ] || exit 1
}

step plan
step sync
step plan
