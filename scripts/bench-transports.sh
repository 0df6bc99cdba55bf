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
rm -rf "$work" && mkdir -p "$work"

projects=()
for ((i = 0; i < RUNS; i++)); do projects+=("grpc-$i" "rest-$i"); done
# shellcheck source=scripts/fake-secret-manager.sh
source scripts/fake-secret-manager.sh
start_fake_secret_manager "$work/fake" "${projects[@]}"

median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
measure() { # transport, project, command...
  local transport=$1 project=$2; shift 2
  SMC_GCP_TRANSPORT=$transport SECRET_MANAGER_EMULATOR_HOST=$(fake_address "$transport") \
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
  "REST only (gax-httpjson; its HTTP client serves the auth library too) $(( $(size $lib/gax-httpjson-*.jar) / 1024 )) KiB"
