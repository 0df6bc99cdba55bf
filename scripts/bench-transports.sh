#!/usr/bin/env bash
# Compares Secret Manager's two transports as the command line uses them: the runtime image's launcher runs
# `sync` (11 secrets of examples/ into a fresh project) and then `plan` (all unchanged) against the in-process fake,
# over gRPC and over REST. Prints wall time (median of RUNS) and peak resident memory, and the size of the jars
# each transport needs.
#
#   scripts/bench-transports.sh          # 5 runs each
#   RUNS=9 scripts/bench-transports.sh
set -euo pipefail
cd "$(dirname "$0")/.."

RUNS=${RUNS:-5}
work=target/bench-transports
launcher=target/image/bin/secret-manager-controller
[ -x /usr/bin/time ] || { echo "needs GNU time (apt-get install time)" >&2; exit 1; }
if [ ! -x "$launcher" ]; then
  mvn -B -q package -DskipTests
fi
mvn -B -q test-compile dependency:build-classpath -Dmdep.outputFile="$PWD/target/test.classpath" -Dmdep.includeScope=test
rm -rf "$work" && mkdir -p "$work"

projects=()
for ((i = 0; i < RUNS; i++)); do projects+=("grpc-$i" "rest-$i"); done
mkfifo "$work/stdin"
java -cp "target/test-classes:target/classes:$(cat target/test.classpath)" \
  io.smc.provider.gcp.fake.FakeSecretManagerServer "$PWD/$work/ports" "${projects[@]}" <"$work/stdin" &
fake=$!
exec 3>"$work/stdin"
trap 'exec 3>&-; wait $fake 2>/dev/null || true' EXIT
for _ in $(seq 100); do [ -f "$work/ports" ] && break; sleep 0.1; done

median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
measure() { # transport, project, command...
  local transport=$1 project=$2; shift 2
  SMC_GCP_TRANSPORT=$transport SECRET_MANAGER_EMULATOR_HOST=$(sed -n "s/^$transport=//p" "$work/ports") \
    /usr/bin/time -f '%e %M' -o "$work/time" "$launcher" "$@" --store "gcp:$project" \
    --source examples/gitops-repo --config examples/secretmanagerconfig.yaml >/dev/null || [ $? -eq 2 ]
  cat "$work/time"
}

printf '%-10s %-28s %-28s\n' transport "sync 11 new (s, peak RSS)" "plan, unchanged (s, peak RSS)"
for transport in grpc rest; do
  : >"$work/sync" && : >"$work/plan"
  for ((i = 0; i < RUNS; i++)); do
    measure "$transport" "$transport-$i" sync >>"$work/sync"
    measure "$transport" "$transport-$i" plan >>"$work/plan"
  done
  printf '%-10s %5s s, %4s MiB             %5s s, %4s MiB\n' "$transport" \
    "$(cut -d' ' -f1 "$work/sync" | median)" "$(( $(cut -d' ' -f2 "$work/sync" | median) / 1024 ))" \
    "$(cut -d' ' -f1 "$work/plan" | median)" "$(( $(cut -d' ' -f2 "$work/plan" | median) / 1024 ))"
done

size() { du -cb "$@" 2>/dev/null | tail -1 | cut -f1; }
lib=target/lib
echo
echo "jars: all $(( $(size $lib/*.jar) / 1048576 )) MiB;" \
  "gRPC only (grpc-*, perfmark) $(( $(size $lib/grpc-*.jar $lib/perfmark-*.jar) / 1048576 )) MiB;" \
  "REST only (google-http-client*, httpclient, httpcore, commons-codec, gson, gax-httpjson) $(( $(size $lib/google-http-client*.jar $lib/httpclient-*.jar $lib/httpcore-*.jar $lib/commons-codec-*.jar $lib/gson-*.jar $lib/gax-httpjson-*.jar) / 1048576 )) MiB"
