#!/usr/bin/env bash
# Benchmark of the Google Cloud Secret Manager provider against the in-process fake (real gRPC or REST on loopback,
# a fixed latency per call, the project's quotas enforced): an initial sync of SECRETS secrets, a steady-state resync,
# a drift check, a resync after a restart and a 1 % change. Prints wall time, calls per secret by method,
# RESOURCE_EXHAUSTED answers, the write rate against the write quota, failed actions and memory per phase, then the
# monthly access cost at the defaults derived from the measured calls. Exits 1 on a failed action or a quota error.
#
#   scripts/bench-gcp.sh                          # 10,000 secrets, 20 ms, quotas x10, 16 threads, gRPC: ~4 min
#   SCALE=100 PARALLELISM=64 scripts/bench-gcp.sh # ~45 s
#   scripts/bench-gcp.sh SECRETS=2000 TRANSPORT=rest
# SCALE multiplies the fake's quotas (600 writes, 600 reads, 90,000 accesses a minute) and the client's pacing alike;
# the initial sync is bound by the write quota: 2 x SECRETS writes at 600 x SCALE a minute, provided PARALLELISM
# covers the calls in flight at that rate (rate x latency, plus the machine's overhead): 16 do at SCALE=10, not at
# SCALE=100. JAVA_OPTS is appended to the documented JVM options (the fake's copy of every secret shares the heap).
set -euo pipefail
cd "$(dirname "$0")/.."

mvn -B -q test-compile -DskipImage
cp_file=target/bench-gcp.classpath
mvn -B -q dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile="$cp_file" >/dev/null
jvm_options=$(sed -n 's:.*<launcher.jvm.options>\(.*\)</launcher.jvm.options>.*:\1:p' pom.xml)
# shellcheck disable=SC2086 # the option lists are meant to split
exec java $jvm_options ${JAVA_OPTS:-} -cp "target/test-classes:target/classes:$(cat "$cp_file")" \
  io.smc.provider.gcp.GcpProviderBenchmark "$@"
