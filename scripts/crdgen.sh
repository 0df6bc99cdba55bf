#!/usr/bin/env bash
# Regenerates config/crd/secretmanagerconfig.yaml from the API records (the Tiltfile runs it on every change under
# src/main or to pom.xml). The file is written only when its content changes. Offline when the local Maven
# repository has everything.
#
#   scripts/crdgen.sh   # then commit config/crd/secretmanagerconfig.yaml with the record change
set -euo pipefail
cd "$(dirname "$0")/.."
goals=(-B -q compile dependency:build-classpath -Dmdep.outputFile=target/classpath.txt -Dmdep.includeScope=runtime)
mvn -o "${goals[@]}" >/dev/null 2>&1 || mvn "${goals[@]}"
java -cp "target/classes:$(cat target/classpath.txt)" io.smc.crdgen.Crdgen config/crd/secretmanagerconfig.yaml
