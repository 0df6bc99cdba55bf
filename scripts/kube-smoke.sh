#!/usr/bin/env bash
# Smoke test of the Kubernetes client against a real cluster: loads the configuration as the controller does
# (KUBECONFIG, ~/.kube/config, or in-cluster), lists namespaces, then lists and watches one resource for a while,
# printing names and resourceVersions only. Change something in the cluster meanwhile to see the events.
#
#   KUBECONFIG=~/.kube/config scripts/kube-smoke.sh
#   RESOURCE=secret-management.microscaler.io/v1beta1/secretmanagerconfigs NAMESPACE=all SECONDS_TO_WATCH=60 \
#     scripts/kube-smoke.sh --context kind-dev
set -euo pipefail
cd "$(dirname "$0")/.."

launcher=target/image/bin/secret-manager-controller
if [ ! -x "$launcher" ] || [ -n "$(find pom.xml src -newer "$launcher" -print -quit)" ]; then
  mvn -B -q package -DskipTests
fi
args=(--watch "${RESOURCE:-v1/configmaps}" --seconds "${SECONDS_TO_WATCH:-15}")
[ -n "${NAMESPACE:-}" ] && args+=(--namespace "$NAMESPACE")
exec "$launcher" kube-check "${args[@]}" "$@"
