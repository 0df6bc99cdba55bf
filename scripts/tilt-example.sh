#!/usr/bin/env bash
# The Tiltfile's example (with the Secret Manager fake): publishes examples/gitops-repo to the kind registry as a Flux
# OCI artifact, then applies examples/tilt/ (an OCIRepository on that artifact and a SecretManagerConfig publishing
# its dev secrets to the fake's project smc-dev) and waits until the config is Ready. Needs the flux CLI and the
# registry of scripts/kind-with-registry.sh on localhost:5001, and Flux's source-controller in the cluster
# (scripts/install-flux-source-controller.sh).
set -euo pipefail
cd "$(dirname "$0")/.."

if ! command -v flux >/dev/null 2>&1; then
  echo "the example needs the flux CLI to publish its artifact (https://fluxcd.io/flux/installation/);" >&2
  echo "install it, or turn the example off: tilt up -- --smc-example=false" >&2
  exit 1
fi
if ! kubectl get crd ocirepositories.source.toolkit.fluxcd.io >/dev/null 2>&1; then
  echo "Flux's source-controller is not installed: scripts/install-flux-source-controller.sh" >&2
  exit 1
fi
# The revision names the content, so that an edit of the example is a new revision and an unchanged one is not.
digest=$(cd examples/gitops-repo && find . -type f -print0 | sort -z | xargs -0 sha256sum | sha256sum | cut -c1-40)
flux push artifact oci://localhost:5001/secret-manager-controller-example:latest \
  --path=examples/gitops-repo --source=examples/gitops-repo --revision="local@sha1:$digest"
kubectl apply -k examples/tilt
kubectl annotate --overwrite -n flux-system ocirepository/secret-manager-controller-example \
  reconcile.fluxcd.io/requestedAt="$(date +%s)" >/dev/null
if ! kubectl wait -n flux-system --for=condition=Ready smc/example --timeout=2m; then
  kubectl describe -n flux-system smc/example >&2
  exit 1
fi
kubectl get -n flux-system smc/example -o wide
