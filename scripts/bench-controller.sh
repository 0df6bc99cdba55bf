#!/usr/bin/env bash
# Benchmark of the controller process (io.smc.cli.ControllerBenchmark): the fakes (API server, Flux artifacts, Secret
# Manager with a latency per call and quotas) in one JVM, the packaged controller in processes of its own, for each
# way of starting it (`java -jar` with the documented JVM options, the image's launcher) over each transport (gRPC,
# REST). For each: the initial sync of CONFIGS configs x SECRETS secrets (time until every config is Ready,
# secrets/s, writes against the write quota, failed reconciles, peak and idle RSS), provider calls per secret for a
# reconcile of unchanged configs and for a drift check with the monthly access cost they imply, revision -> new
# version p50 and p99 over CHANGES changes, and start -> /readyz over RUNS restarts (median). A table on stdout,
# JSON in target/bench/controller.json.
#
#   scripts/bench-controller.sh                                   # 1,000 x 10, 20 ms, both ways and transports
#   scripts/bench-controller.sh --configs 200 --secrets 10 --ways jar --transports grpc
# Options: --configs N (1000) --secrets M (10) --latency-ms MS (20) --runs R (5) --changes C (100)
#          --quota-scale S (10: Secret Manager's default quotas x S, for the fake and the controller's pacing)
#          --ways jar,launcher --transports grpc,rest
# Profiling: --inspect (the idle process's heap, native memory and mappings) --java-opts "OPTS" (added to the JVM's)
#          --env NAME=VALUE,... (for the controller process) --log-level LEVEL (warn)
set -euo pipefail
cd "$(dirname "$0")/.."

args=()
while [ $# -gt 0 ]; do
  case "$1" in
    --configs|--secrets|--latency-ms|--runs|--changes|--quota-scale|--ways|--transports|--java-opts|--env|--log-level)
      [ $# -ge 2 ] || { echo "$1 needs a value" >&2; exit 2; }
      args+=("${1#--}=$2"); shift 2 ;;
    --inspect) args+=("inspect=true"); shift ;;
    -h|--help) sed -n '2,17p' "$0"; exit 0 ;;
    *) echo "unknown option: $1" >&2; exit 2 ;;
  esac
done

launcher=target/image/bin/secret-manager-controller
if [ ! -x "$launcher" ] || [ -n "$(find pom.xml src/main -newer "$launcher" -print -quit)" ]; then
  mvn -B -q package -DskipTests
fi
mvn -B -q test-compile dependency:build-classpath -Dmdep.outputFile="$PWD/target/test.classpath" \
  -Dmdep.includeScope=test
jvm_options=$(sed -n 's:.*<launcher.jvm.options>\(.*\)</launcher.jvm.options>.*:\1:p' pom.xml)

exec java -Xmx1g -Dsmc.jvm.options="$jvm_options" -Dsmc.jar="$PWD/target/secret-manager-controller.jar" \
  -Dsmc.image="$PWD/target/image" -cp "target/test-classes:target/classes:$(cat target/test.classpath)" \
  io.smc.cli.ControllerBenchmark "${args[@]}"
