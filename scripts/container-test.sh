#!/usr/bin/env bash
# Builds the images of the Dockerfile with podman from an already built target/ (`mvn package`), and runs them as a
# cluster would: the release image read-only as user 65532 (`version`; `run` against the project's fake API server
# on the host until /readyz answers 200; `podman stop` ends it within the shutdown timeout), the Tilt image
# live-updated exactly as Tilt does it (the new jar streamed into `tar -C / -x -f -` through exec, then
# `sh -c 'kill -HUP 1'`, until the new version serves), and the Secret Manager fake answering over REST. Prints the
# images' sizes. `mvn verify` runs it (ContainerIT); it exits 77 (skipped) where podman is missing.
#
# No registry is needed: when the base image the Dockerfile names is not in podman's storage, it is made from
# Debian's packages with mmdebstrap (as the official debian:bookworm-slim is) and tagged with that name, then kept.
#
#   scripts/container-test.sh        TEST_CLASSPATH: the test classpath (default: asked of Maven)
#                                    CONTAINER_TEST_PORT: the host port the controller serves on (default: 8080)
# shellcheck disable=SC2016 # the single-quoted scripts run inside the containers, which expand them
set -euo pipefail
cd "$(dirname "$0")/.."

if ! command -v podman >/dev/null 2>&1; then
  echo "SKIPPED: podman is not installed (.ci/run installs podman, runc and mmdebstrap)"
  exit 77
fi
[ -x target/image/bin/secret-manager-controller ] || { echo "target/image is missing: run mvn package" >&2; exit 1; }

base=docker.io/library/debian:bookworm-slim
release=localhost/secret-manager-controller:container-test
tilt=localhost/secret-manager-controller:container-test-tilt
fake=localhost/secret-manager-controller:container-test-fake
port=${CONTAINER_TEST_PORT:-8080}
version=$(sed -n 's/^version=//p' target/classes/io/smc/version.properties)
work=$(mktemp -d)

# What these machines need: runc (crun refuses the host's hybrid cgroup layout), cgroupfs, file events, and ulimits
# within the host's hard limits (podman's defaults exceed them); containers reach the host's loopback through the
# host network.
podman=(podman --runtime runc --cgroup-manager cgroupfs --events-backend file)
limits=(--ulimit nofile=20000:20000 --ulimit nproc=32768:32768)
containers=()
fake_api=""
cleanup() {
  for container in "${containers[@]}"; do
    "${podman[@]}" rm -f -t 0 "$container" >/dev/null 2>&1 || true
  done
  if [ -n "$fake_api" ]; then
    exec 3>&-
    wait "$fake_api" 2>/dev/null || true
  fi
  rm -rf "$work"
}
trap cleanup EXIT

step() { printf '\n== %s\n' "$*"; }
fail() { echo "FAIL: $*" >&2; exit 1; }
# Polls a URL until it answers 200 (curl may be missing: bash's /dev/tcp does a plain HTTP/1.0 GET).
http_get() {
  local host=$1 port=$2 path=$3
  exec 4<>"/dev/tcp/$host/$port" || return 1
  printf 'GET %s HTTP/1.0\r\nHost: %s\r\n\r\n' "$path" "$host" >&4
  cat <&4
  exec 4>&-
}
await_http() {
  local port=$1 path=$2 pattern=$3 what=$4
  for _ in $(seq 600); do
    if http_get 127.0.0.1 "$port" "$path" 2>/dev/null | grep -q "$pattern"; then return 0; fi
    sleep 0.1
  done
  fail "$what"
}
port_free() { ! (exec 5<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

step "base image $base"
if ! "${podman[@]}" image exists "$base"; then
  command -v mmdebstrap >/dev/null 2>&1 || fail "mmdebstrap is needed to make $base without a registry"
  # Debian's minbase as the official slim image has it: merged /usr without the usrmerge package (and its perl),
  # no documentation, manuals or locales, no package lists.
  mmdebstrap --variant=minbase --mode=root --format=tar --hook-dir=/usr/share/mmdebstrap/hooks/merged-usr \
    --dpkgopt='path-exclude=/usr/share/man/*' --dpkgopt='path-exclude=/usr/share/doc/*' \
    --dpkgopt='path-include=/usr/share/doc/*/copyright' --dpkgopt='path-exclude=/usr/share/locale/*' \
    --dpkgopt='path-exclude=/usr/share/info/*' \
    --customize-hook='rm -rf "$1"/var/lib/apt/lists/* "$1"/var/cache/apt/*.bin "$1"/var/log/apt/* "$1"/var/log/*.log' \
    bookworm "$work/base.tar" \
    "deb http://deb.debian.org/debian bookworm main" \
    "deb http://deb.debian.org/debian bookworm-updates main" \
    "deb http://deb.debian.org/debian-security bookworm-security main" >"$work/mmdebstrap.log" 2>&1 \
    || { tail -20 "$work/mmdebstrap.log" >&2; fail "mmdebstrap"; }
  "${podman[@]}" import --change 'CMD ["bash"]' "$work/base.tar" "$base" >/dev/null
  rm -f "$work/base.tar"
fi

# The build context's AppCDS class list comes from the training runs of `mvn package`.
[ -f target/image/lib/app.classlist ] || fail "target/image/lib/app.classlist is missing: run mvn package"
for target in release-prebuilt tilt fake; do
  case $target in release-prebuilt) tag=$release ;; tilt) tag=$tilt ;; fake) tag=$fake ;; esac
  step "podman build --target $target"
  # No kustomize download: the network here reaches package registries only.
  "${podman[@]}" build --pull=never --network host "${limits[@]}" --build-arg KUSTOMIZE_VERSION= \
    --target "$target" -t "$tag" . >"$work/build-$target.log" 2>&1 \
    || { tail -30 "$work/build-$target.log" >&2; fail "podman build --target $target"; }
done

run=("${podman[@]}" run "${limits[@]}" --network host --user 65532)

step "version, read-only, as user 65532"
out=$("${run[@]}" --rm --read-only "$release" version)
echo "$out"
[[ $out == "secret-manager-controller $version "* ]] || fail "version printed '$out', expected $version"
"${run[@]}" --rm --read-only --entrypoint sh "$release" -c \
  'test "$(id -u)" = 65532 && ! touch /opt/x 2>/dev/null && touch /tmp/x' \
  || fail "the release image: not user 65532, a writable root or no writable /tmp"
# What the Argo CD source does with git, in the image whose Perl was removed: init, commit, clone, checkout.
"${run[@]}" --rm --read-only --entrypoint sh "$release" -c 'cd /tmp && git init -q -b main origin &&
  git -C origin -c user.name=t -c user.email=t@t commit -q --allow-empty -m first &&
  git clone -q --no-checkout file:///tmp/origin clone && git -C clone checkout -q "$(git -C origin rev-parse HEAD)"' \
  || fail "git cannot clone and check out in the release image"

step "the fake API server on the host"
if [ -z "${TEST_CLASSPATH:-}" ]; then
  mvn -B -q -o dependency:build-classpath -Dmdep.outputFile="$work/test.classpath" -Dmdep.includeScope=test \
    >/dev/null || mvn -B -q dependency:build-classpath -Dmdep.outputFile="$work/test.classpath" \
    -Dmdep.includeScope=test >/dev/null
  TEST_CLASSPATH="target/test-classes:target/classes:$(cat "$work/test.classpath")"
fi
mkfifo "$work/fake.stdin"
java -cp "$TEST_CLASSPATH" io.smc.kube.fake.FakeApiServerMain "$work" 20 <"$work/fake.stdin" >"$work/fake-api.log" 2>&1 &
fake_api=$!
exec 3>"$work/fake.stdin"
for _ in $(seq 300); do [ -f "$work/kubeconfig" ] && break; sleep 0.1; done
[ -f "$work/kubeconfig" ] || fail "the fake API server did not start: $(cat "$work/fake-api.log")"
chmod 644 "$work/kubeconfig"
if ! port_free "$port"; then
  port=18080
  while ! port_free "$port"; do port=$((port + 1)); done
  echo "port ${CONTAINER_TEST_PORT:-8080} is taken on this host: serving on $port"
fi

step "run, read-only, as user 65532, with leader election: /readyz on $port"
container=smc-container-test-$$
containers+=("$container")
"${run[@]}" -d --name "$container" --read-only -v "$work/kubeconfig:/etc/smc/kubeconfig:ro" "$release" \
  run --kubeconfig /etc/smc/kubeconfig --leader-elect=true --leader-election-namespace default \
  --metrics-bind-address ":$port" --shutdown-timeout 10s >/dev/null
await_http "$port" /readyz "200 OK" "the controller never became ready: $("${podman[@]}" logs "$container" 2>&1 | tail -20)"
await_http "$port" /metrics "secret_manager_controller_build_info{version=\"$version\"" "no build_info on /metrics"
echo "ready; /metrics serves build_info version $version"

step "podman stop: a graceful exit within the shutdown timeout"
started=$(date +%s)
"${podman[@]}" stop -t 20 "$container" >/dev/null
elapsed=$(($(date +%s) - started))
status=$("${podman[@]}" inspect -f '{{.State.ExitCode}}' "$container")
echo "stopped in ${elapsed}s with status $status"
[ "$status" = 0 ] || fail "exit status $status after SIGTERM: $("${podman[@]}" logs "$container" 2>&1 | tail -20)"
[ "$elapsed" -le 15 ] || fail "took ${elapsed}s to stop, over the 10s shutdown timeout"
# A graceful stop ends with the controller's last line, after the lease is released.
"${podman[@]}" logs "$container" 2>&1 | grep -q '"msg":"stopped"' \
  || fail "no 'stopped' line: the JVM did not stop gracefully: $("${podman[@]}" logs "$container" 2>&1 | tail -20)"

step "Tilt live update: sync the jar as Tilt does, then kill -HUP 1"
container=smc-container-test-tilt-$$
containers+=("$container")
# As the Deployment the Tiltfile applies: user 65532, the root filesystem writable (its only change), /tmp a tmpfs.
"${run[@]}" -d --name "$container" --tmpfs /tmp -v "$work/kubeconfig:/etc/smc/kubeconfig:ro" "$tilt" \
  run --kubeconfig /etc/smc/kubeconfig --metrics-bind-address ":$port" >/dev/null
await_http "$port" /readyz "200 OK" "the Tilt image never became ready: $("${podman[@]}" logs "$container" 2>&1 | tail -20)"
# PID 1 is the launcher; its start time tells it is still the same process, and the JVM's PID that it restarted.
launcher_and_jvm() {
  "${podman[@]}" exec "$container" sh -c \
    'cut -d" " -f22 /proc/1/stat; for p in /proc/[0-9]*; do [ "$(cat "$p/comm" 2>/dev/null)" = java ] && echo "${p#/proc/}"; done; true' \
    | paste -sd' '
}
before=$(launcher_and_jvm)
new_version="$version-live-$$"
mkdir -p "$work/sync/opt/secret-manager-controller/app" "$work/jar/io/smc"
cp target/secret-manager-controller.jar "$work/sync/opt/secret-manager-controller/app/"
printf 'version=%s\n' "$new_version" >"$work/jar/io/smc/version.properties"
jar uf "$work/sync/opt/secret-manager-controller/app/secret-manager-controller.jar" -C "$work/jar" \
  io/smc/version.properties
tar -C "$work/sync" -c -f - opt/secret-manager-controller/app/secret-manager-controller.jar \
  | "${podman[@]}" exec -i "$container" tar -C / -x -f -
"${podman[@]}" exec "$container" sh -c 'kill -HUP 1'
await_http "$port" /metrics "secret_manager_controller_build_info{version=\"$new_version\"" \
  "the live-updated jar never served: $("${podman[@]}" logs "$container" 2>&1 | tail -20)"
after=$(launcher_and_jvm)
[ "${before%% *}" = "${after%% *}" ] || fail "PID 1 was replaced (start time ${before%% *} -> ${after%% *})"
[ "${before#* }" != "${after#* }" ] || fail "the JVM was not restarted (PID ${after#* })"
echo "version $new_version serves from a new JVM (PID ${before#* } -> ${after#* }) under the same PID 1"
"${podman[@]}" stop -t 20 "$container" >/dev/null
status=$("${podman[@]}" inspect -f '{{.State.ExitCode}}' "$container")
[ "$status" = 0 ] || fail "the Tilt container exited $status after SIGTERM"

step "the Secret Manager fake"
container=smc-container-test-fake-$$
containers+=("$container")
grpc_port=19090
while ! port_free "$grpc_port"; do grpc_port=$((grpc_port + 2)); done
rest_port=$((grpc_port + 1))
"${run[@]}" -d --name "$container" --read-only "$fake" "$grpc_port" "$rest_port" smc-dev >/dev/null
await_http "$rest_port" /v1/projects/smc-dev/secrets "200 OK" \
  "the fake never answered: $("${podman[@]}" logs "$container" 2>&1 | tail -20)"
echo "the fake answers on REST :$rest_port (gRPC :$grpc_port)"

step "image sizes"
for tag in "$release" "$tilt" "$fake"; do
  printf '%-60s %s\n' "$tag" "$("${podman[@]}" image inspect -f '{{.Size}}' "$tag" | awk '{ printf "%.1f MB", $1 / 1e6 }')"
done
echo
echo "container test passed"
