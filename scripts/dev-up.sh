#!/usr/bin/env bash
# dev-up.sh - Mothership end to end on this machine, with one command: installs and builds what
# it needs, starts a management cluster (kube-apiserver + etcd, kube-controller-manager,
# kube-scheduler, all on loopback), installs Cluster API's and Mothership's CRDs, runs the
# manager (with the stand-in for CAPI core's controllers) and the dev node (which runs the
# management cluster's Pods as local processes), starts worker hosts (real sshd's whose sessions
# see a filesystem of their own, with kubeadm and a kubelet over a fake container runtime),
# registers them as SSHHosts, applies the cluster of templates/cluster-template-ssh.yaml
# (hosted kubeadm control plane, SSH workers), waits until it is Available with every worker
# Node Ready, and prints what to do next. Everything listens on 127.0.0.0/8 only.
# Needs root (mount and network namespaces). Idempotent: what already runs is reused.
# The first run builds kube-apiserver, the kubelet & co. from Debian's source and Mothership
# (10-20 minutes); later runs take about a minute. scripts/dev-down.sh removes it all.
# Prints KEY=VALUE lines on stdout (also saved in $MOTHERSHIP_DEV_DIR/env); progress on stderr.
# Env: MOTHERSHIP_CACHE, MOTHERSHIP_DEV_DIR ($MOTHERSHIP_CACHE/dev), DEV_CLUSTER_NAME (dev),
#      DEV_NAMESPACE (default), DEV_WORKERS (2), DEV_HOSTS (= DEV_WORKERS),
#      DEV_HOST_ADDRESS_BASE (127.0.0.), DEV_HOST_PORT_BASE (2200): host N's sshd listens on
#      127.0.0.(10+N):(2200+N) (not 22: a machine's own sshd may hold port 22 on every address),
#      DEV_LB_ADDRESSES (100-119),
#      MOTHERSHIP_BIN (a built mothership to use instead of building one),
#      DEV_POD_CIDR (10.244.0.0/24), DEV_BRIDGE (msdev0), DEV_WAIT_TIMEOUT (600 s),
#      DEV_NO_CLUSTER=1 (stop after the hosts: no cluster applied).
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
# shellcheck source=lib/common.sh
. "$ROOT/scripts/lib/common.sh"
DEV=${MOTHERSHIP_DEV_DIR:-$MOTHERSHIP_CACHE/dev}
CLUSTER=${DEV_CLUSTER_NAME:-dev}
NAMESPACE=${DEV_NAMESPACE:-default}
WORKERS=${DEV_WORKERS:-2}
HOSTS=${DEV_HOSTS:-$WORKERS}
HOST_BASE=${DEV_HOST_ADDRESS_BASE:-127.0.0.}
LB=${DEV_LB_ADDRESSES:-100-119}
TIMEOUT=${DEV_WAIT_TIMEOUT:-600}
VERSION=v1.20.2   # the Kubernetes version built here from Debian's source
T0=$(date +%s)
step() { printf '[dev-up %4ss] %s\n' "$(( $(date +%s) - T0 ))" "$*" >&2; }

[ "$(id -u)" = 0 ] || die "dev mode needs root (network and mount namespaces); run it as root"
[[ $CLUSTER =~ ^[a-z0-9]([-a-z0-9]{0,30}[a-z0-9])?$ ]] || die "DEV_CLUSTER_NAME=$CLUSTER is not a DNS label of at most 32 characters"
if ! [[ $WORKERS =~ ^[0-9]+$ && $HOSTS =~ ^[0-9]+$ ]] || [ "$HOSTS" -gt 80 ]; then
  die "DEV_WORKERS and DEV_HOSTS must be numbers (hosts: at most 80)"
fi
require_loopback DEV_HOST_ADDRESS_BASE "${HOST_BASE}11"
mkdir -p "$DEV"; chmod 700 "$DEV"
DEV=$(cd "$DEV" && pwd -P)
exec 9>"$DEV/.lock"
flock -n 9 || die "another dev-up.sh or dev-down.sh runs on $DEV"

# ---- 1. install and build (in parallel; minutes the first time)
step "installing Debian packages (etcd, kubectl, openssh, iproute2) if missing"
apt_install etcd-server etcd-client openssl curl ca-certificates openssh-server openssh-client iproute2 util-linux mount
command -v kubectl >/dev/null || apt_install kubernetes-client
command -v swift >/dev/null || die "a Swift 6.1+ toolchain is needed on PATH (swift.org)"
step "building kube-apiserver, kubelet, kubeadm, kube-controller-manager, kube-scheduler (from Debian's source; cached) and mothership"
"$ROOT/scripts/kube-apiserver-build.sh" >"$DEV/kube-apiserver-build.out" 2>"$DEV/kube-apiserver-build.log" &
api_build=$!
"$ROOT/scripts/kube-node-build.sh" >"$DEV/kube-node-build.out" 2>"$DEV/kube-node-build.log" &
node_build=$!
if [ -z "${MOTHERSHIP_BIN:-}" ]; then
  (cd "$ROOT" && swift build --product mothership >"$DEV/swift-build.log" 2>&1) || { tail -30 "$DEV/swift-build.log" >&2; die "swift build failed (log: $DEV/swift-build.log)"; }
  step "mothership built"
fi
wait "$api_build" || { tail -30 "$DEV/kube-apiserver-build.log" >&2; die "kube-apiserver build failed (log: $DEV/kube-apiserver-build.log)"; }
wait "$node_build" || { tail -30 "$DEV/kube-node-build.log" >&2; die "kubelet & co. build failed (log: $DEV/kube-node-build.log)"; }
MOTHERSHIP=${MOTHERSHIP_BIN:-$(cd "$ROOT" && swift build --product mothership --show-bin-path)/mothership}
NODE_BIN=$MOTHERSHIP_CACHE/kube-node/bin
API_BIN=${KUBE_APISERVER_BIN:-$MOTHERSHIP_CACHE/kube-apiserver/bin/kube-apiserver}
for b in "$MOTHERSHIP" "$API_BIN" "$NODE_BIN/kube-controller-manager" "$NODE_BIN/kube-scheduler" "$NODE_BIN/kubelet" "$NODE_BIN/kubeadm" /usr/bin/etcd; do
  [ -x "$b" ] || die "$b missing after the builds"
done
step "builds done"

# ---- 2. the management cluster
export KUBE_APISERVER_STATE_DIR=$DEV/management/apiserver
step "starting the management cluster's kube-apiserver and etcd"
"$ROOT/scripts/kube-apiserver-up.sh" >/dev/null
MGMT_KUBECONFIG=$(sed -n 's/^KUBECONFIG=//p' "$KUBE_APISERVER_STATE_DIR/env")
export KUBECONFIG=$MGMT_KUBECONFIG
step "starting its kube-controller-manager and kube-scheduler"
KUBE_CONTROLLER_MANAGER_STATE_DIR=$DEV/management/controller-manager "$ROOT/scripts/kube-controller-manager-up.sh" >/dev/null
KUBE_SCHEDULER_STATE_DIR=$DEV/management/scheduler "$ROOT/scripts/kube-scheduler-up.sh" >/dev/null

step "installing Cluster API's CRDs (v1.14) and Mothership's"
kubectl apply -f "$ROOT/Tests/Fixtures/capi-v1.14-crds/" -f "$ROOT/config/crd/" >"$DEV/crds.log"
kubectl wait --for condition=established --timeout=60s crd --all >/dev/null

# ---- 3. the manager and the dev node
HEALTH_PORT=$(pick_port DEV_MANAGER_HEALTH_PORT "${DEV_MANAGER_HEALTH_PORT:-}")
if pid_ours "$DEV/manager.pid" "$MOTHERSHIP" manager; then
  step "the manager runs already (pid $(pid_of "$DEV/manager.pid"))"
else
  step "starting mothership manager --capi-core=builtin (log: $DEV/manager.log)"
  start_detached "$DEV/manager.pid" "$DEV/manager.log" "$MOTHERSHIP" manager --kubeconfig "$MGMT_KUBECONFIG" --capi-core builtin \
    --health-probe-bind-address "127.0.0.1:$HEALTH_PORT"
fi
if pid_ours "$DEV/dev-node.pid" "$MOTHERSHIP" dev-node; then
  step "the dev node runs already (pid $(pid_of "$DEV/dev-node.pid"))"
else
  step "starting mothership dev-node (log: $DEV/dev-node.log)"
  start_detached "$DEV/dev-node.pid" "$DEV/dev-node.log" "$MOTHERSHIP" dev-node --kubeconfig "$MGMT_KUBECONFIG" \
    --state-dir "$DEV/node" --pod-cidr "${DEV_POD_CIDR:-10.244.0.0/24}" --bridge "${DEV_BRIDGE:-msdev0}" --load-balancer-addresses "$LB" \
    --image "registry.k8s.io/kube-apiserver:*=$API_BIN" \
    --image "registry.k8s.io/kube-controller-manager:*=$NODE_BIN/kube-controller-manager" \
    --image "registry.k8s.io/kube-scheduler:*=$NODE_BIN/kube-scheduler" \
    --image "registry.k8s.io/etcd:*=/usr/bin/etcd"
fi
for i in $(seq 1 60); do
  kubectl get node mothership-dev >/dev/null 2>&1 && break
  alive "$(pid_of "$DEV/dev-node.pid" || echo 0)" || { tail -20 "$DEV/dev-node.log" >&2; die "the dev node exited (log: $DEV/dev-node.log)"; }
  [ "$i" -lt 60 ] || die "the dev node did not register in 60 s (log: $DEV/dev-node.log)"
  sleep 1
done

# ---- 4. worker hosts, registered as SSHHosts
mkdir -p "$DEV/hosts"
kubectl get namespace "$NAMESPACE" >/dev/null 2>&1 || kubectl create namespace "$NAMESPACE" >/dev/null
for n in $(seq 1 "$HOSTS"); do
  name=$CLUSTER-host-$n
  step "starting worker host $name on ${HOST_BASE}$((10 + n)):$((${DEV_HOST_PORT_BASE:-2200} + n))"
  DEV_HOST_NAME=$name DEV_HOST_ADDRESS=${HOST_BASE}$((10 + n)) DEV_HOST_PORT=$((${DEV_HOST_PORT_BASE:-2200} + n)) DEV_HOST_STATE_DIR=$DEV/hosts/$name \
    "$ROOT/scripts/dev-host-up.sh" >"$DEV/hosts/$name.env" 2>>"$DEV/hosts.log" || { tail -20 "$DEV/hosts.log" >&2; die "worker host $name did not start"; }
  # shellcheck disable=SC1090 # the host's env file, written by dev-host-up.sh
  host_env() { (. "$DEV/hosts/$name.env" && eval "printf '%s' \"\$$1\""); }
  kubectl -n "$NAMESPACE" create secret generic "$name-ssh" --from-file=value="$(host_env DEV_HOST_KEY)" \
    --dry-run=client -o yaml | kubectl apply -f - >/dev/null
  host_key=$(host_env DEV_HOST_HOST_KEY)
  kubectl apply -f - >/dev/null <<EOF
apiVersion: infrastructure.mothership.dev/v1beta1
kind: SSHHost
metadata:
  name: $name
  namespace: $NAMESPACE
  labels:
    mothership.dev/pool: $CLUSTER-workers
spec:
  address: "$(host_env DEV_HOST_ADDRESS)"
  port: $(host_env DEV_HOST_PORT)
  user: root
  privateKeySecretRef:
    name: $name-ssh
    key: value
  hostKeys:
  - "$host_key"
EOF
done

write_env() {
  {
    printf 'KUBECONFIG=%q\n' "$MGMT_KUBECONFIG"
    printf 'DEV_CLUSTER_NAME=%q\n' "$CLUSTER"
    printf 'DEV_NAMESPACE=%q\n' "$NAMESPACE"
    printf 'DEV_HOSTED_KUBECONFIG=%q\n' "$DEV/$CLUSTER.kubeconfig"
    printf 'DEV_MOTHERSHIP=%q\n' "$MOTHERSHIP"
    printf 'DEV_MANAGER_PID=%q\n' "$(pid_of "$DEV/manager.pid")"
    printf 'DEV_MANAGER_LOG=%q\n' "$DEV/manager.log"
    printf 'DEV_NODE_PID=%q\n' "$(pid_of "$DEV/dev-node.pid")"
    printf 'DEV_NODE_LOG=%q\n' "$DEV/dev-node.log"
    printf 'MOTHERSHIP_DEV_DIR=%q\n' "$DEV"
  } >"$DEV/env"
}
write_env
if [ "${DEV_NO_CLUSTER:-}" = 1 ]; then
  step "management cluster and $HOSTS worker host(s) ready; no cluster applied (DEV_NO_CLUSTER=1)"
  cat "$DEV/env"
  exit 0
fi

# ---- 5. the cluster
step "applying cluster $CLUSTER (templates/cluster-template-ssh.yaml: hosted kubeadm $VERSION control plane, $WORKERS SSH worker(s))"
# (HOME: no clusterctl config of the user's changes the dev cluster)
(export ETCD_PERSISTENCE=EmptyDir SSH_HOST_POOL=$CLUSTER-workers HOME=$DEV
 "$MOTHERSHIP" generate cluster "$CLUSTER" --flavor ssh --target-namespace "$NAMESPACE" --kubernetes-version "$VERSION" \
   --worker-machine-count "$WORKERS" --templates "$ROOT/templates" >"$DEV/$CLUSTER.yaml" 2>"$DEV/generate.log") ||
  { cat "$DEV/generate.log" >&2; die "mothership generate cluster failed"; }
kubectl apply -f "$DEV/$CLUSTER.yaml" >/dev/null

table() {
  echo "Cluster / control plane:"
  kubectl -n "$NAMESPACE" get cluster "$CLUSTER" --no-headers -o custom-columns='CLUSTER:.metadata.name,PHASE:.status.phase,AVAILABLE:.status.conditions[?(@.type=="Available")].status,ENDPOINT:.spec.controlPlaneEndpoint.host' 2>/dev/null | sed 's/^/  /'
  kubectl -n "$NAMESPACE" get hostedcontrolplane "$CLUSTER" --no-headers -o custom-columns='CONTROLPLANE:.metadata.name,READY:.status.readyReplicas,INITIALIZED:.status.initialization.controlPlaneInitialized,VERSION:.status.version' 2>/dev/null | sed 's/^/  /'
  echo "Machines:"
  kubectl -n "$NAMESPACE" get machines -l "cluster.x-k8s.io/cluster-name=$CLUSTER" --no-headers -o custom-columns='MACHINE:.metadata.name,PHASE:.status.phase,PROVIDERID:.spec.providerID,NODE:.status.nodeRef.name' 2>/dev/null | sed 's/^/  /'
  if [ -s "$DEV/$CLUSTER.kubeconfig" ]; then
    echo "Nodes of $CLUSTER:"
    kubectl --kubeconfig "$DEV/$CLUSTER.kubeconfig" get nodes --no-headers -o custom-columns='NODE:.metadata.name,READY:.status.conditions[?(@.type=="Ready")].status,VERSION:.status.nodeInfo.kubeletVersion,PROVIDERID:.spec.providerID' 2>/dev/null | sed 's/^/  /'
  fi
}
hosted_kubeconfig() {
  local value
  value=$(kubectl -n "$NAMESPACE" get secret "$CLUSTER-kubeconfig" -o jsonpath='{.data.value}' 2>/dev/null) || return 1
  [ -n "$value" ] || return 1
  (umask 077; base64 -d <<<"$value" >"$DEV/$CLUSTER.kubeconfig")
}
ready_nodes() {
  kubectl --kubeconfig "$DEV/$CLUSTER.kubeconfig" get nodes --no-headers -o custom-columns='READY:.status.conditions[?(@.type=="Ready")].status' 2>/dev/null | grep -c '^True$' || true
}
available() {
  [ "$(kubectl -n "$NAMESPACE" get cluster "$CLUSTER" -o jsonpath='{.status.conditions[?(@.type=="Available")].status}' 2>/dev/null)" = True ]
}

step "waiting for the control plane and $WORKERS joined Node(s) (up to ${TIMEOUT}s; progress every 20 s)"
deadline=$(( $(date +%s) + TIMEOUT )) last=0
while :; do
  hosted_kubeconfig || true
  if available && [ "$(ready_nodes)" -ge "$WORKERS" ]; then break; fi
  for p in manager dev-node; do
    alive "$(pid_of "$DEV/$p.pid" || echo 0)" || { tail -20 "$DEV/$p.log" >&2; die "$p exited (log: $DEV/$p.log)"; }
  done
  if [ "$(date +%s)" -ge "$deadline" ]; then
    table >&2
    die "cluster $CLUSTER not Available with $WORKERS Ready Node(s) after ${TIMEOUT}s (logs: $DEV/manager.log, $DEV/dev-node.log, $DEV/hosts/)"
  fi
  if [ $(( $(date +%s) - last )) -ge 20 ]; then last=$(date +%s); step "still waiting:"; table | sed 's/^/    /' >&2; fi
  sleep 2
done
write_env
step "cluster $CLUSTER is Available with $WORKERS Ready Node(s)"
{
  echo
  table
  cat <<EOF

Kubeconfigs:
  management cluster:  $MGMT_KUBECONFIG
  hosted cluster $CLUSTER: $DEV/$CLUSTER.kubeconfig

Try:
  export KUBECONFIG=$MGMT_KUBECONFIG
  kubectl get clusters,machinedeployments,machines,hostedcontrolplanes,sshmachines,sshhosts -A
  kubectl --kubeconfig $DEV/$CLUSTER.kubeconfig get nodes -o wide
  kubectl -n $NAMESPACE scale machinedeployment $CLUSTER-workers --replicas=1
  scripts/dev-down.sh          # removes everything dev-up.sh started

EOF
} >&2
cat "$DEV/env"
