#!/usr/bin/env bash
# Installs Flux's source-controller alone — what the controller needs of Flux: GitRepository, OCIRepository and
# Bucket, and the artifacts it serves — into the flux-system namespace of the cluster in KUBECONFIG (or the current
# context), then waits until its Deployment is available and its CRDs are established. Safe to run again.
#
#   scripts/install-flux-source-controller.sh
#   FLUX_VERSION=v2.6.4 scripts/install-flux-source-controller.sh   # the version the flux CLI installs
#   TIMEOUT=10m scripts/install-flux-source-controller.sh
#
# With the flux CLI on the PATH: `flux install --components=source-controller` (the CLI's own Flux version, or
# FLUX_VERSION when set). Without it: `kubectl apply -k` of a kustomization made here from the source-controller
# release's own manifests (source-controller.crds.yaml, source-controller.deployment.yaml), plus the namespace,
# service account and RBAC that `flux install` would add for it. That path is pinned: Flux v2.6.4, whose
# source-controller is v1.6.2 (SOURCE_CONTROLLER_VERSION overrides it; keep the two in step with
# manifests/bases/source-controller/kustomization.yaml of the Flux release you want).
set -euo pipefail

namespace=flux-system
flux_version=${FLUX_VERSION:-}
pinned_flux=v2.6.4
source_controller=${SOURCE_CONTROLLER_VERSION:-v1.6.2}
timeout=${TIMEOUT:-5m}

command -v kubectl >/dev/null || { echo "needs kubectl on the PATH" >&2; exit 1; }

if command -v flux >/dev/null; then
  version_args=()
  [ -n "$flux_version" ] && version_args=(--version "$flux_version")
  echo "flux install --components=source-controller, Flux ${flux_version:-of the CLI}"
  # The ${a[@]+...} form: an empty array is "unbound" to bash before 4.4 (macOS) under set -u.
  flux install --namespace "$namespace" --components=source-controller ${version_args[@]+"${version_args[@]}"}
else
  release="https://github.com/fluxcd/source-controller/releases/download/$source_controller"
  echo "no flux CLI: applying source-controller $source_controller (Flux $pinned_flux) from $release"
  work=$(mktemp -d)
  trap 'rm -rf "$work"' EXIT
  cat >"$work/kustomization.yaml" <<EOF
apiVersion: kustomize.config.k8s.io/v1beta1
kind: Kustomization
namespace: $namespace
resources:
  - namespace.yaml
  - rbac.yaml
  - $release/source-controller.crds.yaml
  - $release/source-controller.deployment.yaml
labels:
  - pairs:
      app.kubernetes.io/instance: $namespace
      app.kubernetes.io/part-of: flux
    includeSelectors: false
patches:
  - target:
      kind: Deployment
      name: source-controller
    patch: |
      - op: add
        path: /spec/template/spec/serviceAccountName
        value: source-controller
EOF
  cat >"$work/namespace.yaml" <<EOF
apiVersion: v1
kind: Namespace
metadata:
  name: $namespace
EOF
  # What Flux's own install grants source-controller (its crd-controller ClusterRole), less the other controllers'
  # API groups.
  cat >"$work/rbac.yaml" <<EOF
apiVersion: v1
kind: ServiceAccount
metadata:
  name: source-controller
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata:
  name: flux-source-controller-$namespace
rules:
  - apiGroups: [source.toolkit.fluxcd.io]
    resources: ["*"]
    verbs: ["*"]
  - apiGroups: [""]
    resources: [namespaces, secrets, configmaps, serviceaccounts]
    verbs: [get, list, watch]
  - apiGroups: [""]
    resources: [events]
    verbs: [create, patch]
  - apiGroups: [""]
    resources: [configmaps]
    verbs: [get, list, watch, create, update, patch, delete]
  - apiGroups: [""]
    resources: [configmaps/status]
    verbs: [get, update, patch]
  - apiGroups: [coordination.k8s.io]
    resources: [leases]
    verbs: [get, list, watch, create, update, patch, delete]
  - apiGroups: [""]
    resources: [serviceaccounts/token]
    verbs: [create]
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRoleBinding
metadata:
  name: flux-source-controller-$namespace
roleRef:
  apiGroup: rbac.authorization.k8s.io
  kind: ClusterRole
  name: flux-source-controller-$namespace
subjects:
  - kind: ServiceAccount
    name: source-controller
    namespace: $namespace
EOF
  kubectl apply --server-side --force-conflicts -k "$work"
fi

echo "waiting for the CRDs and the Deployment (up to $timeout)"
kubectl wait --for=condition=Established --timeout="$timeout" \
  crd/gitrepositories.source.toolkit.fluxcd.io crd/ocirepositories.source.toolkit.fluxcd.io \
  crd/buckets.source.toolkit.fluxcd.io
kubectl -n "$namespace" rollout status deployment/source-controller --timeout="$timeout"
echo "source-controller is available in $namespace"
