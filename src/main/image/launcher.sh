#!/bin/sh
# Launcher of the secret-manager-controller runtime image: runs the application with the image's own trimmed Java
# runtime, so the machine needs no JDK. JAVA_OPTS is appended after the defaults, so it can override any of them.
set -e
bin=$(cd "$(dirname "$0")" && pwd -P)
home=$(dirname "$bin")
cds=""
# The AppCDS archive written by the build's training run; -Xshare:auto falls back quietly if it does not fit.
if [ -f "$home/lib/app.jsa" ] && [ -z "${SMC_CDS_TRAINING:-}" ]; then
  cds="-XX:SharedArchiveFile=$home/lib/app.jsa -Xshare:auto -Xlog:cds=off -Xlog:cds+dynamic=off"
fi
if [ -n "${SMC_CDS_TRAINING:-}" ]; then
  cds="-XX:ArchiveClassesAtExit=$SMC_CDS_TRAINING -Xlog:cds=off -Xlog:cds+dynamic=off"
fi
# shellcheck disable=SC2086 # word splitting of the option lists is intended
exec "$bin/java" @JVM_OPTIONS@ $cds ${JAVA_OPTS:-} -jar "$home/app/secret-manager-controller.jar" "$@"
