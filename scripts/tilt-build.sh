#!/usr/bin/env bash
# The Tiltfile's build: the jar (and target/lib, target/test-classes) without running tests, offline when the local
# Maven repository already has everything. The jlink runtime in target/image is made again only when it is missing
# or older than what it is made from (pom.xml: dependencies and JVM options; src/main/image: the launcher): a code
# change then costs a compile and a jar, and Tilt syncs the jar into the running container.
set -euo pipefail
cd "$(dirname "$0")/.."

args=(-B -q -DskipTests package)
if [ -f target/image/release ] && [ -z "$(find pom.xml src/main/image -newer target/image/release -print -quit)" ]; then
  args+=(-DskipImage)
fi
log=$(mktemp)
trap 'rm -f "$log"' EXIT
if mvn -o "${args[@]}" >"$log" 2>&1; then
  cat "$log"
  exit 0
fi
# Offline fails when something new must be downloaded; any other failure is the build's, shown as it is.
if grep -q "offline mode\|has not been downloaded from it before\|Cannot access .* in offline mode" "$log"; then
  echo "the local Maven repository lacks something: building online"
  exec mvn "${args[@]}"
fi
cat "$log" >&2
exit 1
