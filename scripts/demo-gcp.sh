#!/usr/bin/env bash
# The main job against Google Cloud Secret Manager, with no cloud account: starts the project's test fake of Secret
# Manager (real gRPC and REST on loopback), then runs scripts/demo.sh (plan, sync, plan of the example repository's
# dev secrets) into project demo-project through the emulator convention (SECRET_MANAGER_EMULATOR_HOST), exactly as
# `--store gcp:PROJECT` talks to the real service. Against the real service: run `STORE=gcp:PROJECT scripts/demo.sh`
# with credentials (GOOGLE_APPLICATION_CREDENTIALS or gcloud's Application Default Credentials).
#
#   scripts/demo-gcp.sh                      # over gRPC
#   SMC_GCP_TRANSPORT=rest scripts/demo-gcp.sh
set -euo pipefail
cd "$(dirname "$0")/.."

# shellcheck source=scripts/fake-secret-manager.sh
source scripts/fake-secret-manager.sh
start_fake_secret_manager target/demo-gcp demo-project
export SMC_GCP_TRANSPORT=${SMC_GCP_TRANSPORT:-grpc}
SECRET_MANAGER_EMULATOR_HOST=$(fake_address "$SMC_GCP_TRANSPORT")
export SECRET_MANAGER_EMULATOR_HOST
echo "Secret Manager fake at $SECRET_MANAGER_EMULATOR_HOST ($SMC_GCP_TRANSPORT)"
STORE=gcp:demo-project scripts/demo.sh
