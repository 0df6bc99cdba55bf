# shellcheck shell=bash
# Sourced by scripts that run the command line against Secret Manager without a cloud account: starts the test
# fake of Secret Manager (real gRPC and REST front ends on loopback) in the background with the projects given,
# and stops it when the script exits. Afterwards `fake_address grpc|rest` prints the host:port for
# SECRET_MANAGER_EMULATOR_HOST. Needs the test classes: `mvn test-compile` runs first.
#
#   source scripts/fake-secret-manager.sh; start_fake_secret_manager DIR project-a project-b

start_fake_secret_manager() {
  local dir=$1; shift
  mvn -B -q test-compile dependency:build-classpath -DskipImage -Dmdep.outputFile="$PWD/target/test.classpath" \
    -Dmdep.includeScope=test
  mkdir -p "$dir"
  fake_dir=$(cd "$dir" && pwd)
  rm -f "$fake_dir/ports" "$fake_dir/stdin"
  mkfifo "$fake_dir/stdin"
  java -cp "target/test-classes:target/classes:$(cat target/test.classpath)" \
    io.smc.provider.gcp.fake.FakeSecretManagerServer "$fake_dir/ports" "$@" <"$fake_dir/stdin" &
  fake_pid=$!
  # The fake serves until its input closes: holding the pipe open keeps it up, closing it at exit stops it.
  exec 3>"$fake_dir/stdin"
  trap 'exec 3>&-; wait "$fake_pid" 2>/dev/null || true' EXIT
  for _ in $(seq 300); do [ -f "$fake_dir/ports" ] && return 0; sleep 0.1; done
  echo "the fake Secret Manager did not start" >&2
  return 1
}

fake_address() {
  sed -n "s/^$1=//p" "$fake_dir/ports"
}
