#!/bin/sh
# Launcher of the secret-manager-controller runtime image: runs the application with the image's own trimmed Java
# runtime, so the machine needs no JDK. JAVA_OPTS is appended after the defaults, so it can override any of them.
#
# `run` (the controller) is supervised rather than exec'd: this script stays the process the image starts (PID 1 in
# a container) and keeps the JVM as its child, so that SIGHUP can restart the controller with the code now on disk,
# as Tilt's live update expects (it syncs a new jar, then sends SIGHUP to PID 1). On SIGHUP the JVM is asked to stop
# (SIGTERM: readiness goes 503, reconciles in flight finish, the lease is released) and a new one is started from
# the jar on disk, the PID of this script unchanged. SIGTERM and SIGINT are passed on, and the script exits with the
# JVM's status. Every other command is exec'd: it is short-lived and has no use for a supervisor.
set -e
# Two malloc arenas rather than one per thread that ever allocated (up to eight a core): the JVM's own allocations
# are few and small, and each arena keeps memory of its own.
export MALLOC_ARENA_MAX="${MALLOC_ARENA_MAX:-2}"
bin=$(cd "$(dirname "$0")" && pwd -P)
home=$(dirname "$bin")
cds=""
# The AppCDS archive the build's training runs wrote (src/main/image/cds-training.sh); -Xshare:auto falls back quietly
# if it does not fit (as after a live update replaced the jar it was made from).
if [ -f "$home/lib/app.jsa" ] && [ -z "${SMC_CDS_TRAINING:-}" ]; then
  cds="-XX:SharedArchiveFile=$home/lib/app.jsa -Xshare:auto -Xlog:cds=off -Xlog:cds+dynamic=off"
fi
# A training run lists the classes it loads, for the archive.
if [ -n "${SMC_CDS_TRAINING:-}" ]; then
  cds="-XX:DumpLoadedClassList=$SMC_CDS_TRAINING"
fi
if [ "${1:-}" != "run" ]; then
  # shellcheck disable=SC2086 # word splitting of the option lists is intended
  exec "$bin/java" @JVM_OPTIONS@ $cds ${JAVA_OPTS:-} -jar "$home/app/secret-manager-controller.jar" "$@"
fi

child=""
restart=""
forward() {
  if [ -n "$child" ]; then
    kill -TERM "$child" 2>/dev/null || true
  fi
}
trap 'restart=yes; forward' HUP
trap 'restart=""; forward' TERM INT
set +e
while :; do
  # A background job of a non-interactive shell starts with SIGINT ignored, so a Ctrl-C in a terminal reaches the JVM
  # once, as the SIGTERM forwarded above, rather than twice (which the controller takes as "stop at once").
  # shellcheck disable=SC2086
  "$bin/java" @JVM_OPTIONS@ $cds ${JAVA_OPTS:-} -jar "$home/app/secret-manager-controller.jar" "$@" &
  child=$!
  # A trapped signal ends `wait` early while the JVM still runs: wait again until it has really exited.
  while :; do
    wait "$child"
    status=$?
    kill -0 "$child" 2>/dev/null || break
  done
  child=""
  if [ -z "$restart" ]; then
    exit "$status"
  fi
  restart=""
  echo "secret-manager-controller: SIGHUP: starting again from $home/app/secret-manager-controller.jar" >&2
done
