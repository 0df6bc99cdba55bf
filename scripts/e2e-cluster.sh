#!/usr/bin/env bash
# End to end on a real cluster (the one in KUBECONFIG, or the current context): applies config/ (the CRD and, where
# config/ has them, the controller's manifests), a Flux GitRepository of a test repository, and the example
# SecretManagerConfig (examples/secretmanagerconfig.yaml: the dev secrets under examples/gitops-repo/apps, in plain
# text) publishing either to the project's Secret Manager fake or to a real Google Cloud project; then waits for the
# config to turn Ready and prints its status — and, when it does not, its status, its events, the source's status
# and the controller's recent log, and exits 1.
#
#   scripts/e2e-cluster.sh --fake                      # Secret Manager's fake, Service secret-manager-fake
#   scripts/e2e-cluster.sh --project my-gcp-project    # the real service, with the controller's credentials
#   scripts/e2e-cluster.sh --fake --git-url https://github.com/ORG/REPO.git --git-branch main --timeout 10m
#
# Options (each also read from the environment variable in brackets):
#   --fake                  publish to the Secret Manager fake: the Service secret-manager-fake in flux-system (as
#                           the Tiltfile deploys it); the controller's Deployment gets SECRET_MANAGER_EMULATOR_HOST
#                           pointing at it when it does not have it yet [SMC_E2E_FAKE=1]
#   --project ID            the Google Cloud project [SMC_E2E_PROJECT] (default with --fake: smc-dev; the fake
#                           must serve it)
#   --git-url URL           the test repository [SMC_E2E_GIT_URL] (default: this checkout's `origin` remote, an
#                           SSH remote turned into its https:// form; it must be public or Flux must have its
#                           credentials)
#   --git-branch BRANCH     its branch [SMC_E2E_GIT_BRANCH] (default: the branch checked out here, which must be
#                           pushed)
#   --base-path PATH        where the services are in it [SMC_E2E_BASE_PATH] (default: examples/gitops-repo/apps)
#   --environment ENV       the profile published [SMC_E2E_ENVIRONMENT] (default: dev)
#   --name NAME             the SecretManagerConfig's and the GitRepository's name [SMC_E2E_NAME] (default: e2e-apps)
#   --timeout DURATION      how long to wait for each of them to be Ready [SMC_E2E_TIMEOUT] (default: 5m)
#
# Needs kubectl, and Flux's source-controller in the cluster (scripts/install-flux-source-controller.sh). The
# controller itself runs from config/ once it holds its Deployment, or from anywhere else against the same cluster
# (Tilt, or `secret-manager-controller run` in a terminal).
set -euo pipefail
cd "$(dirname "$0")/.."

namespace=flux-system
controller=${SMC_DEPLOYMENT:-secret-manager-controller}
fake=${SMC_E2E_FAKE:-}
project=${SMC_E2E_PROJECT:-}
git_url=${SMC_E2E_GIT_URL:-}
git_branch=${SMC_E2E_GIT_BRANCH:-}
base_path=${SMC_E2E_BASE_PATH:-examples/gitops-repo/apps}
environment=${SMC_E2E_ENVIRONMENT:-dev}
name=${SMC_E2E_NAME:-e2e-apps}
timeout=${SMC_E2E_TIMEOUT:-5m}

usage() {
  sed -n '2,/^set -euo/{/^set -euo/d;s/^# \{0,1\}//;p}' "$0" >&2
  exit 2
}

while [ $# -gt 0 ]; do
  case "$1" in
    --fake) fake=1 ;;
    --project) project=${2:?--project needs an ID}; shift ;;
    --git-url) git_url=${2:?--git-url needs a URL}; shift ;;
    --git-branch) git_branch=${2:?--git-branch needs a branch}; shift ;;
    --base-path) base_path=${2:?--base-path needs a path}; shift ;;
    --environment) environment=${2:?--environment needs a name}; shift ;;
    --name) name=${2:?--name needs a name}; shift ;;
    --timeout) timeout=${2:?--timeout needs a duration}; shift ;;
    -h | --help) usage ;;
    *) echo "unknown option: $1" >&2; usage ;;
  esac
  shift
done

command -v kubectl >/dev/null || { echo "needs kubectl on the PATH" >&2; exit 1; }
if [ -z "$fake" ] && [ -z "$project" ]; then
  echo "say where to publish: --fake, or --project ID" >&2
  exit 2
fi
[ -n "$fake" ] && project=${project:-smc-dev}

if [ -z "$git_url" ]; then
  git_url=$(git remote get-url origin 2>/dev/null || true)
  [ -n "$git_url" ] || { echo "this checkout has no origin remote: give --git-url" >&2; exit 2; }
  # Flux reads a public repository over https without credentials; an SSH remote would need a key.
  case "$git_url" in
    git@*:*) host=${git_url#git@}; git_url="https://${host%%:*}/${host#*:}" ;;
    ssh://git@*) git_url="https://${git_url#ssh://git@}" ;;
  esac
fi
if [ -z "$git_branch" ]; then
  git_branch=$(git rev-parse --abbrev-ref HEAD 2>/dev/null || true)
  if [ -z "$git_branch" ] || [ "$git_branch" = HEAD ]; then
    echo "no branch checked out here: give --git-branch" >&2
    exit 2
  fi
fi

echo "cluster: $(kubectl config current-context 2>/dev/null || echo "(in-cluster)")"
echo "source:  $git_url @ $git_branch, $base_path ($environment)"
echo "target:  project $project${fake:+ on the Secret Manager fake}"

# What the controller needs: its CRD (and, as config/ grows, its Deployment, RBAC and metrics Service).
kubectl apply -k config/
kubectl wait --for=condition=Established --timeout=60s crd/secretmanagerconfigs.secret-management.microscaler.io
if ! kubectl get crd gitrepositories.source.toolkit.fluxcd.io >/dev/null 2>&1; then
  echo "Flux's GitRepository is not installed: run scripts/install-flux-source-controller.sh first" >&2
  exit 1
fi

has_controller=
if kubectl -n "$namespace" get deployment "$controller" >/dev/null 2>&1; then
  has_controller=1
else
  echo "no Deployment $namespace/$controller: the controller is expected to run elsewhere against this cluster"
fi

if [ -n "$fake" ]; then
  kubectl -n "$namespace" get service secret-manager-fake >/dev/null || {
    echo "--fake needs the Service $namespace/secret-manager-fake (deployed by the Tiltfile)" >&2
    exit 1
  }
  port=$(kubectl -n "$namespace" get service secret-manager-fake \
    -o jsonpath='{.spec.ports[?(@.name=="grpc")].port}')
  [ -n "$port" ] || port=$(kubectl -n "$namespace" get service secret-manager-fake -o jsonpath='{.spec.ports[0].port}')
  emulator="secret-manager-fake.$namespace.svc.cluster.local:$port"
  echo "fake:    SECRET_MANAGER_EMULATOR_HOST=$emulator"
  if [ -n "$has_controller" ]; then
    current=$(kubectl -n "$namespace" get deployment "$controller" \
      -o jsonpath='{.spec.template.spec.containers[0].env[?(@.name=="SECRET_MANAGER_EMULATOR_HOST")].value}')
    if [ -z "$current" ]; then
      kubectl -n "$namespace" set env deployment/"$controller" SECRET_MANAGER_EMULATOR_HOST="$emulator"
    elif [ "$current" != "$emulator" ]; then
      echo "note: the controller already talks to the emulator at $current"
    fi
  else
    echo "note: give the controller SECRET_MANAGER_EMULATOR_HOST=$emulator (or a port-forward of it)"
  fi
fi
if [ -n "$has_controller" ]; then
  kubectl -n "$namespace" rollout status deployment/"$controller" --timeout="$timeout"
fi

# The test repository, as a Flux source holding only the directory the config reads.
kubectl apply -f - <<EOF
apiVersion: source.toolkit.fluxcd.io/v1
kind: GitRepository
metadata:
  name: $name
  namespace: $namespace
spec:
  interval: 1m
  url: $git_url
  ref:
    branch: $git_branch
  ignore: |
    /*
    !/${base_path%%/*}/
EOF

# The example config, pointed at that source and project.
kubectl patch --local -f examples/secretmanagerconfig.yaml --type merge -o yaml -p "$(cat <<EOF
{"metadata": {"name": "$name", "namespace": "$namespace"},
 "spec": {"sourceRef": {"kind": "GitRepository", "name": "$name", "namespace": "$namespace"},
          "provider": {"gcp": {"projectId": "$project"}},
          "secrets": {"environment": "$environment", "basePath": "$base_path"}}}
EOF
)" | kubectl apply -f -

explain() {
  echo "--- $1 is not Ready within $timeout" >&2
  kubectl -n "$namespace" get gitrepository "$name" -o jsonpath='{"GitRepository status: "}{.status}{"\n"}' >&2 || true
  kubectl -n "$namespace" describe secretmanagerconfig "$name" >&2 || true
  echo "--- events of $namespace/$name" >&2
  kubectl -n "$namespace" get events --field-selector "involvedObject.name=$name" --sort-by=.lastTimestamp >&2 || true
  if [ -n "$has_controller" ]; then
    echo "--- the controller's log" >&2
    kubectl -n "$namespace" logs deployment/"$controller" --tail=50 >&2 || true
  fi
  exit 1
}

kubectl -n "$namespace" wait --for=condition=Ready --timeout="$timeout" gitrepository/"$name" \
  || explain "GitRepository $namespace/$name"
kubectl -n "$namespace" wait --for=condition=Ready --timeout="$timeout" smc/"$name" \
  || explain "SecretManagerConfig $namespace/$name"

kubectl -n "$namespace" get smc "$name"
kubectl -n "$namespace" get smc "$name" \
  -o jsonpath='{.status.conditions[?(@.type=="Ready")].message}{"\n"}{range .status.inventory[*]}  {.name} v{.version}{"\n"}{end}'
echo "e2e passed: $namespace/$name is Ready"
