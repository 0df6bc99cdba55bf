#!/usr/bin/env bash
# Benchmark of the controller process: CONFIGS SecretManagerConfigs (default 1,000, suspended, so the controller is
# idle once it has reconciled each once) in the project's fake API server, running as a process of its own, and the
# controller started as a real process RUNS times (default 5) each way:
# `java -jar` with the documented JVM options, and the runtime image's launcher (its own runtime and AppCDS archive).
# For each way it prints the median time from process start to /readyz answering 200 (caches synced), and the median
# resident memory of the JVM (VmRSS from /proc) once every config has been reconciled and the process is idle.
#
#   scripts/bench-controller.sh
#   CONFIGS=5000 RUNS=3 scripts/bench-controller.sh
set -euo pipefail
cd "$(dirname "$0")/.."

configs=${CONFIGS:-1000}
runs=${RUNS:-5}
launcher=target/image/bin/secret-manager-controller
if [ ! -x "$launcher" ] || [ -n "$(find pom.xml src -newer "$launcher" -print -quit)" ]; then
  mvn -B -q package -DskipTests
fi
mvn -B -q test-compile dependency:build-classpath -DskipImage -Dmdep.outputFile="$PWD/target/test.classpath" \
  -Dmdep.includeScope=test
jvm_options=$(sed -n 's:.*<launcher.jvm.options>\(.*\)</launcher.jvm.options>.*:\1:p' pom.xml)

work=$(mktemp -d)
mkfifo "$work/stdin"
java -cp "target/test-classes:target/classes:$(cat target/test.classpath)" io.smc.kube.fake.FakeApiServerMain \
  "$work" "$configs" suspended <"$work/stdin" >"$work/fake.log" 2>&1 &
fake=$!
exec 3>"$work/stdin"
controller=""
cleanup() {
  [ -n "$controller" ] && kill -KILL "$controller" 2>/dev/null
  exec 3>&-
  wait "$fake" 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT
for _ in $(seq 300); do [ -f "$work/kubeconfig" ] && break; sleep 0.1; done
[ -f "$work/kubeconfig" ] || { echo "the fake API server did not start" >&2; exit 1; }

port=18089
now_ms() { date +%s%3N; }
status() { curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$port$1" || true; }
reconciled() {
  curl -s "http://127.0.0.1:$port/metrics" | awk -F' ' \
    '/^controller_runtime_reconcile_total\{controller="secretmanagerconfig",result="success"\}/ {print $2}'
}
median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }

# One start: prints "<ms to ready> <RSS KiB once idle>".
measure() {
  local start ready jvm rss
  start=$(now_ms)
  "$@" run --kubeconfig "$work/kubeconfig" --metrics-bind-address "127.0.0.1:$port" --log-level warn \
    >"$work/controller.log" 2>&1 &
  controller=$!
  until [ "$(status /readyz)" = 200 ]; do
    kill -0 "$controller" 2>/dev/null || { cat "$work/controller.log" >&2; exit 1; }
    sleep 0.005
  done
  ready=$(( $(now_ms) - start ))
  until [ "$(reconciled)" -ge "$configs" ] 2>/dev/null; do sleep 0.1; done
  sleep 2
  # The JVM itself: the launcher's child, or the process started when it is java.
  jvm=$(pgrep -P "$controller" java || echo "$controller")
  rss=$(awk '/^VmRSS:/ {print $2}' "/proc/$jvm/status")
  kill -TERM "$controller"
  wait "$controller" || true
  controller=""
  echo "$ready $rss"
}

report() {
  local label=$1; shift
  local results=()
  for _ in $(seq "$runs"); do results+=("$(measure "$@")"); done
  local ready rss
  ready=$(printf '%s\n' "${results[@]}" | awk '{print $1}' | median)
  rss=$(printf '%s\n' "${results[@]}" | awk '{print $2}' | median)
  printf '%-34s ready %5d ms   RSS %4d MiB   (runs: %s)\n' "$label" "$ready" $((rss / 1024)) \
    "$(printf '%s\n' "${results[@]}" | awk '{printf "%s ms/%d MiB  ", $1, $2/1024}')"
}

echo "$configs configs, $runs starts each, $(nproc) cores"
# shellcheck disable=SC2086 # the option list is meant to split
report "java -jar (documented options)" java $jvm_options -jar target/secret-manager-controller.jar
report "image launcher (jlink + AppCDS)" "$launcher"
