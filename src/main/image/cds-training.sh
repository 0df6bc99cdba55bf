#!/usr/bin/env bash
# Writes the runtime image's AppCDS archive, IMAGE/lib/app.jsa: a static archive of every class two training runs of
# the image's launcher load — a `sync` of the examples into a local store (reading, planning, writing, both report
# formats) and, when the test classes are there to serve as its cluster, the controller: `run` against the project's
# fake API server until it has reconciled every config, then a graceful SIGTERM. Each run lists the classes it loads;
# the union is dumped once, so `plan`, `sync` and `run` all start from the archive.
#
#   cds-training.sh IMAGE EXAMPLES WORK [TEST_CLASSPATH]
set -euo pipefail
image=$1
examples=$2
work=$3
test_classpath=${4:-}
launcher="$image/bin/secret-manager-controller"
rm -rf "$work"
mkdir -p "$work"

SMC_CDS_TRAINING="$work/sync.classlist" "$launcher" sync --source "$examples/gitops-repo" \
  --config "$examples/secretmanagerconfig.yaml" --store "local:$work/store" --output json >"$work/sync.log"
lists=("$work/sync.classlist")

if [ -n "$test_classpath" ]; then
  mkfifo "$work/fake.stdin"
  "$image/bin/java" -cp "$test_classpath" io.smc.kube.fake.FakeApiServerMain "$work" 100 \
    <"$work/fake.stdin" >"$work/fake.log" 2>&1 &
  fake=$!
  exec 3>"$work/fake.stdin"
  for _ in $(seq 600); do [ -f "$work/kubeconfig" ] && break; sleep 0.1; done
  SMC_CDS_TRAINING="$work/run.classlist" "$launcher" run --kubeconfig "$work/kubeconfig" \
    --metrics-bind-address 127.0.0.1:0 --log-level debug >"$work/run.log" 2>&1 &
  controller=$!
  for _ in $(seq 600); do
    [ "$(grep -c '"msg":"reconciled"\|"result":"requeue_after"' "$work/run.log" || true)" -ge 100 ] && break
    kill -0 "$controller" 2>/dev/null || break
    sleep 0.1
  done
  # A GET without curl, which the build machine may lack: the scrape trains the metrics text classes too.
  scrape() { exec 4<>"/dev/tcp/127.0.0.1/$1" && printf 'GET %s HTTP/1.0\r\n\r\n' "$2" >&4 && cat <&4 >/dev/null; }
  port=$(sed -n 's/.*"msg":"serving".*"port":\([0-9]*\).*/\1/p' "$work/run.log" | head -n 1)
  if [ -n "$port" ]; then
    scrape "$port" /metrics || true
    scrape "$port" /readyz || true
  fi
  kill -TERM "$controller"
  wait "$controller"
  exec 3>&-
  wait "$fake"
  lists+=("$work/run.classlist")
fi

# Class lists name each class once per run with a run-specific id; the union drops the ids and the repeats.
awk '{ sub(/ id: [0-9]+$/, "") } !seen[$0]++' "${lists[@]}" >"$work/classlist"
# An archive is valid only where its jar was when it was dumped: the list stays in the image, so that an image
# that moves it (the container image puts it under /opt) dumps it again where it lands (see the Dockerfile).
cp "$work/classlist" "$image/lib/app.classlist"
"$image/bin/java" -XX:+UseSerialGC -Xshare:dump -XX:SharedClassListFile="$work/classlist" \
  -XX:SharedArchiveFile="$image/lib/app.jsa" -Xlog:cds=off -Xlog:cds+dynamic=off \
  -cp "$image/app/secret-manager-controller.jar" >"$work/dump.log" 2>&1 || { cat "$work/dump.log" >&2; exit 1; }
echo "AppCDS archive: $(grep -c . "$work/classlist") classes from ${#lists[@]} training runs"
