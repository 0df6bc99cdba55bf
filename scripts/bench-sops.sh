#!/usr/bin/env bash
# Benchmark of SOPS decryption: decryptions per second of a 100-key YAML file encrypted for age and for OpenPGP
# (made at run time with the real age and gpg tools), and the wall time of rendering and decrypting the kustomize
# example overlay (examples/sops/kustomize-repo, overlays/dev; median of 5 runs). Prints figures; asserts nothing.
#
#   scripts/bench-sops.sh
# Needs age, age-keygen and gpg; kubectl or kustomize for the overlay (skipped without them). About 20 s.
set -euo pipefail
cd "$(dirname "$0")/.."

for tool in age age-keygen gpg; do
  command -v "$tool" >/dev/null || { echo "needs $tool" >&2; exit 1; }
done
mvn -B -q test-compile
cp_file=target/bench-sops.classpath
mvn -B -q dependency:build-classpath -Dmdep.outputFile="$cp_file" >/dev/null
exec java -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -Xss256k -Xmx256m \
  -cp "target/test-classes:target/classes:$(cat "$cp_file")" io.smc.sops.SopsBenchmark
