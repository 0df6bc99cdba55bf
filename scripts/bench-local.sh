#!/usr/bin/env bash
# Benchmark of the local pipeline: generates a repository of SERVICES services x KEYS keys, then measures
# `plan` against a cold (missing) store, `sync`, and `plan` against the warm store, in three ways of starting the
# program: the plain JDK defaults, the documented `java <options> -jar` line, and the runtime image's launcher.
# Prints wall time (median of RUNS), peak resident memory and keys per second.
#
#   scripts/bench-local.sh               # 1000 services x 10 keys, 3 runs each
#   SERVICES=200 KEYS=5 RUNS=5 scripts/bench-local.sh
# `sync into an empty store` writes every secret durably (fsync) and dominates the run time.
set -euo pipefail
cd "$(dirname "$0")/.."

SERVICES=${SERVICES:-1000}
KEYS=${KEYS:-10}
RUNS=${RUNS:-3}
work=target/bench
jar=target/secret-manager-controller.jar
launcher=target/image/bin/secret-manager-controller

[ -x /usr/bin/time ] || { echo "needs GNU time (apt-get install time)" >&2; exit 1; }
if [ ! -f "$jar" ] || [ ! -x "$launcher" ]; then
  mvn -B -q package -DskipTests
fi
jvm_options=$(sed -n 's:.*<launcher.jvm.options>\(.*\)</launcher.jvm.options>.*:\1:p' pom.xml)

echo "generating ${SERVICES} services x ${KEYS} keys"
rm -rf "$work" && mkdir -p "$work/repo"
for ((s = 0; s < SERVICES; s++)); do
  dir="$work/repo/services/svc-$s/deployment-configuration/profiles/bench"
  mkdir -p "$dir"
  half=$((KEYS / 2))
  {
    for ((k = 0; k < KEYS - half; k++)); do printf 'SECRET_%d=value-%d-%d-%s\n' "$k" "$s" "$k" "$RANDOM$RANDOM"; done
  } >"$dir/application.secrets.env"
  {
    echo "nested:"
    for ((k = 0; k < half; k++)); do printf '  key%d: yaml-%d-%d-%s\n' "$k" "$s" "$k" "$RANDOM$RANDOM"; done
  } >"$dir/application.secrets.yaml"
done
total=$((SERVICES * KEYS))

# measure NAME COMMAND...: runs the command RUNS times; prints the median wall time and the largest peak RSS.
measure() {
  local name=$1; shift
  local times=() rss=0
  for ((r = 0; r < RUNS; r++)); do
    [ -n "${before_each:-}" ] && eval "$before_each"
    /usr/bin/time -f '%e %M' -o "$work/time" "$@" >"$work/out" 2>"$work/err" || true
    # GNU time puts "Command exited with non-zero status N" first when plan reports pending changes (exit 2).
    read -r t m < <(tail -n 1 "$work/time")
    times+=("$t")
    (( m > rss )) && rss=$m
  done
  local median
  median=$(printf '%s\n' "${times[@]}" | sort -n | sed -n "$(( (RUNS + 1) / 2 ))p")
  awk -v n="$name" -v t="$median" -v m="$rss" -v k="$total" \
    'BEGIN { printf "  %-38s %7.2f s  %6.0f MiB  %8.0f keys/s\n", n, t, m / 1024, (t > 0 ? k / t : 0) }'
}

run_variant() {
  local label=$1; shift
  local store="$work/store-$label"
  local args=(--source "$work/repo" --environment bench --output json)
  echo "$label: $*"
  before_each="rm -rf '$store'" measure "plan, cold store" "$@" plan "${args[@]}" --store "local:$store"
  before_each="rm -rf '$store'" measure "sync into an empty store" "$@" sync "${args[@]}" --store "local:$store"
  before_each="" measure "plan, warm store (after sync)" "$@" plan "${args[@]}" --store "local:$store"
  before_each="" measure "sync, warm store (no changes)" "$@" sync "${args[@]}" --store "local:$store"
  before_each="" measure "version (start-up only)" "$@" version
}

echo "$(nproc) cores, $(java -version 2>&1 | head -1)"
echo "figures: median wall time of ${RUNS} runs, peak RSS, keys per second over ${total} keys"
# shellcheck disable=SC2086 # the option list is meant to split
run_variant jdk-defaults java -jar "$jar"
# shellcheck disable=SC2086
run_variant documented java $jvm_options -jar "$jar"
run_variant image "$launcher"
# The same launcher with the JDK's base CDS archive instead of the application's AppCDS archive.
JAVA_OPTS="-XX:SharedArchiveFile=$PWD/target/image/lib/server/classes.jsa" run_variant image-without-appcds "$launcher"
