#!/usr/bin/env bash
# Regenerates config/crd/secretmanagerconfig.yaml from the API records (the Tiltfile runs the same main).
#
#   scripts/crdgen.sh   # then commit config/crd/secretmanagerconfig.yaml with the record change
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -B -q compile dependency:build-classpath -Dmdep.outputFile=target/classpath.txt -Dmdep.includeScope=runtime
java -cp "target/classes:$(cat target/classpath.txt)" io.smc.crdgen.Crdgen config/crd/secretmanagerconfig.yaml
