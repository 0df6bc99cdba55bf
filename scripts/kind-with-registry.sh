#!/usr/bin/env bash
# A local Kubernetes cluster for the controller: a kind cluster named secret-manager-controller and a registry
# container, kind-registry, that the host pushes to as localhost:5001 and the cluster's nodes pull from under the same
# name — kind's "local registry" recipe: containerd reads registry hosts from /etc/containerd/certs.d, each node gets
# a hosts.toml sending localhost:5001 to the registry container, the registry joins the kind network, and the
# local-registry-hosting ConfigMap in kube-public tells tools (Tilt, ko, skaffold) where to push. Safe to run again:
# whatever is already there is kept and only what is missing is made.
#
#   scripts/kind-with-registry.sh
#   KIND_EXPERIMENTAL_PROVIDER=podman scripts/kind-with-registry.sh   # podman instead of docker
#   CLUSTER_NAME=dev REGISTRY_PORT=5002 KIND_NODE_IMAGE=kindest/node:v1.31.0 scripts/kind-with-registry.sh
#
# Needs kind, kubectl and docker or podman (docker is used when both are installed, unless
# KIND_EXPERIMENTAL_PROVIDER=podman). Then: docker push localhost:5001/IMAGE:TAG, and use localhost:5001/IMAGE:TAG in
# the cluster's manifests. Delete with: kind delete cluster --name secret-manager-controller; docker rm -f kind-registry
set -euo pipefail

cluster=${CLUSTER_NAME:-secret-manager-controller}
registry=${REGISTRY_NAME:-kind-registry}
port=${REGISTRY_PORT:-5001}
registry_image=${REGISTRY_IMAGE:-docker.io/library/registry:2}

for tool in kind kubectl; do
  command -v "$tool" >/dev/null || { echo "needs $tool on the PATH" >&2; exit 1; }
done

# The container runtime kind uses, and the one the registry runs in: they must be the same.
case "${KIND_EXPERIMENTAL_PROVIDER:-}" in
  podman) runtime=podman ;;
  docker) runtime=docker ;;
  "")
    if command -v docker >/dev/null; then
      runtime=docker
    elif command -v podman >/dev/null; then
      runtime=podman
      export KIND_EXPERIMENTAL_PROVIDER=podman
    else
      echo "needs docker or podman on the PATH" >&2
      exit 1
    fi
    ;;
  *) echo "KIND_EXPERIMENTAL_PROVIDER=$KIND_EXPERIMENTAL_PROVIDER: this script knows docker and podman" >&2; exit 1 ;;
esac
command -v "$runtime" >/dev/null || { echo "needs $runtime on the PATH" >&2; exit 1; }
echo "container runtime: $runtime"

# 1. The registry container, started unless it runs already (restarted if it exists but stopped).
state=$("$runtime" inspect -f '{{.State.Running}}' "$registry" 2>/dev/null || true)
if [ "$state" = true ]; then
  echo "registry $registry: running"
elif [ -n "$state" ]; then
  echo "registry $registry: starting the existing container"
  "$runtime" start "$registry" >/dev/null
else
  echo "registry $registry: creating it on 127.0.0.1:$port"
  "$runtime" run -d --restart=always -p "127.0.0.1:${port}:5000" --name "$registry" "$registry_image" >/dev/null
fi

# 2. The cluster, with containerd reading registry hosts from /etc/containerd/certs.d.
if kind get clusters 2>/dev/null | grep -qx "$cluster"; then
  echo "cluster $cluster: exists"
else
  echo "cluster $cluster: creating it"
  image_args=()
  [ -n "${KIND_NODE_IMAGE:-}" ] && image_args=(--image "$KIND_NODE_IMAGE")
  # The ${a[@]+...} form: an empty array is "unbound" to bash before 4.4 (macOS) under set -u.
  kind create cluster --name "$cluster" ${image_args[@]+"${image_args[@]}"} --config=- <<'EOF'
kind: Cluster
apiVersion: kind.x-k8s.io/v1alpha4
containerdConfigPatches:
  - |-
    [plugins."io.containerd.grpc.v1.cri".registry]
      config_path = "/etc/containerd/certs.d"
EOF
fi

# 3. On every node, localhost:PORT is the registry container, reached by its name on the kind network.
hosts_dir="/etc/containerd/certs.d/localhost:${port}"
for node in $(kind get nodes --name "$cluster"); do
  "$runtime" exec "$node" mkdir -p "$hosts_dir"
  printf '[host."http://%s:5000"]\n' "$registry" | "$runtime" exec -i "$node" cp /dev/stdin "$hosts_dir/hosts.toml"
done
echo "nodes: localhost:$port is $registry:5000"

# 4. The registry on the kind network, so that the nodes can reach it by name.
networks=$("$runtime" inspect -f '{{json .NetworkSettings.Networks}}' "$registry")
if [[ "$networks" != *'"kind"'* ]]; then
  "$runtime" network connect kind "$registry"
  echo "registry $registry: connected to the kind network"
fi

# 5. Where tools push, as KEP-1755 describes it.
kubectl --context "kind-$cluster" apply -f - <<EOF
apiVersion: v1
kind: ConfigMap
metadata:
  name: local-registry-hosting
  namespace: kube-public
data:
  localRegistryHosting.v1: |
    host: "localhost:${port}"
    help: "https://kind.sigs.k8s.io/docs/user/local-registry/"
EOF

echo "ready: kubectl context kind-$cluster; push images to localhost:$port"
