#!/usr/bin/env bash
# The main job against Google Cloud Secret Manager, with no cloud account: starts the project's test fake of Secret
# Manager (real gRPC and REST on loopback), then plans, syncs and plans again the example repository's dev secrets
# into project demo-project through the emulator convention (SECRET_MANAGER_EMULATOR_HOST), exactly as
# `--store gcp:PROJECT` talks to the real service. Against the real service: leave out the emulator variable and
# give credentials (GOOGLE_APPLICATION_CREDENTIALS or gcloud's Application Default Credentials).
#
#   scripts/demo-gcp.sh                      # over gRPC
#   SMC_GCP_TRANSPORT=rest scripts/demo-gcp.sh
set -euo pipefail
cd "$(dirname "$0")/.."

launcher=target/image/bin/secret-manager-controller
if [ ! -x "$launcher" ] || [ -n "$(find pom.xml src/main -newer "$launcher" -print -quit)" ]; then
  echo "building (mvn package) ..."
  mvn -B -q package -DskipTests
fi
# shellcheck source=scripts/fake-secret-manager.sh
source scripts/fake-secret-manager.sh
start_fake_secret_manager target/demo-gcp demo-project
transport=${SMC_GCP_TRANSPORT:-grpc}
export SMC_GCP_TRANSPORT=$transport SECRET_MANAGER_EMULATOR_HOST
SECRET_MANAGER_EMULATOR_HOST=$(fake_address "$transport")

args=(--source examples/gitops-repo --config examples/secretmanagerconfig.yaml --store gcp:demo-project)
step() {
  echo
  echo "\$ SECRET_MANAGER_EMULATOR_HOST=$SECRET_MANAGER_EMULATOR_HOST secret-manager-controller $1 ${args[*]}"
  local code=0
  "$launcher" "$@" "${args[@]}" || code=$?
  echo "(exit code $code)"
  [ "$code" -ne 1 ] || exit 1
}

step plan
step sync
step plan
