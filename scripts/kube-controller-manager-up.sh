#!/usr/bin/env bash
# kube-controller-manager-up.sh - start a real kube-controller-manager v1.20 (built by
# kube-node-build.sh from Debian's kubernetes source package) against a running kube-apiserver,
# with the cluster CA as CSR signer and the service-account key: the controllers kubeadm runs
# (every default one plus bootstrapsigner and tokencleaner), so Deployments get ReplicaSets and
# Pods, joining nodes get their certificates signed, Nodes that stop reporting are marked.
# Secure port on loopback only, no insecure port, no leader election.
# The cluster defaults to the kube-apiserver-up.sh instance ($KUBE_APISERVER_STATE_DIR/env).
# Idempotent: if the instance it started (PID file) is still running and healthy, reuses it.
# Prints KEY=VALUE lines on stdout (also saved in $KUBE_CONTROLLER_MANAGER_STATE_DIR/env); logs on stderr.
# Env: MOTHERSHIP_CACHE, KUBE_CONTROLLER_MANAGER_STATE_DIR, KUBE_CONTROLLER_MANAGER_KUBECONFIG,
#      KUBE_CONTROLLER_MANAGER_CA, KUBE_CONTROLLER_MANAGER_CA_KEY, KUBE_CONTROLLER_MANAGER_SA_KEY
#      (default: sa.key beside the CA key), KUBE_CONTROLLER_MANAGER_CONTROLLERS
#      (*,bootstrapsigner,tokencleaner), KUBE_CONTROLLER_MANAGER_HOST (127.0.0.1),
#      KUBE_CONTROLLER_MANAGER_PORT (free port), KUBE_CONTROLLER_MANAGER_EXTRA_ARGS,
#      KUBE_CONTROLLER_MANAGER_START_TIMEOUT (60 s), KUBE_APISERVER_STATE_DIR.
set -euo pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
# shellcheck source=lib/common.sh
. "$HERE/lib/common.sh"
STATE=${KUBE_CONTROLLER_MANAGER_STATE_DIR:-$MOTHERSHIP_CACHE/kube-controller-manager/instance}
# shellcheck source=lib/kube-node.sh
. "$HERE/lib/kube-node.sh"
BIN=$KUBE_NODE_BIN_DIR/kube-controller-manager
HOST=${KUBE_CONTROLLER_MANAGER_HOST:-127.0.0.1}
TIMEOUT=${KUBE_CONTROLLER_MANAGER_START_TIMEOUT:-60}
CONTROLLERS=${KUBE_CONTROLLER_MANAGER_CONTROLLERS:-*,bootstrapsigner,tokencleaner}
PIDF=$STATE/kube-controller-manager.pid
MARK=--cert-dir=$STATE/serving-certs   # argument that marks our process

require_loopback KUBE_CONTROLLER_MANAGER_HOST "$HOST"
KUBECFG=${KUBE_CONTROLLER_MANAGER_KUBECONFIG:-$(from_apiserver_env KUBECONFIG)}
CA=${KUBE_CONTROLLER_MANAGER_CA:-$(from_apiserver_env KUBE_APISERVER_CA)}
CA_KEY=${KUBE_CONTROLLER_MANAGER_CA_KEY:-$(from_apiserver_env KUBE_APISERVER_CA_KEY)}
if [ -z "$KUBECFG" ] || [ ! -r "$KUBECFG" ]; then
  die "no admin kubeconfig: set KUBE_CONTROLLER_MANAGER_KUBECONFIG or start kube-apiserver-up.sh first ($APISERVER_ENV)"
fi
require_loopback_url "the server of $KUBECFG" "$(kubeconfig_server "$KUBECFG")"
if [ -z "$CA" ] || [ ! -r "$CA" ] || [ -z "$CA_KEY" ] || [ ! -r "$CA_KEY" ]; then
  die "no cluster CA certificate/key: set KUBE_CONTROLLER_MANAGER_CA and KUBE_CONTROLLER_MANAGER_CA_KEY"
fi
# the service-account signing key (serviceaccount-token controller): default beside the CA key
SA_KEY=${KUBE_CONTROLLER_MANAGER_SA_KEY:-$(dirname "$CA_KEY")/sa.key}
[ -r "$SA_KEY" ] || SA_KEY=

mkdir -p "$STATE"; chmod 700 "$STATE"
exec 9>"$STATE/.lock"
flock 9 || die "cannot lock $STATE/.lock"

# ---- reuse a running instance of ours
if pid_ours "$PIDF" "$BIN" "$MARK" && [ -s "$STATE/env" ] &&
   same_request KUBE_CONTROLLER_MANAGER_HOST "$HOST" && same_request KUBE_CONTROLLER_MANAGER_PORT "${KUBE_CONTROLLER_MANAGER_PORT:-}" &&
   same_request KUBE_CONTROLLER_MANAGER_KUBECONFIG "$KUBECFG" && same_request KUBE_CONTROLLER_MANAGER_CONTROLLERS "$CONTROLLERS" &&
   https_healthy "$HOST" "$(env_value KUBE_CONTROLLER_MANAGER_PORT)"; then
  log "already running (pid $(pid_of "$PIDF"))"
  cat "$STATE/env"
  exit 0
fi
stop_pidfile kube-controller-manager "$PIDF" "$BIN" "$MARK"

apt_install curl ca-certificates
kube_node_built kube-controller-manager
VERSION=$("$BIN" --version | awk '{print $2}')
PORT=$(pick_port KUBE_CONTROLLER_MANAGER_PORT "${KUBE_CONTROLLER_MANAGER_PORT:-}")

started=0
cleanup() { [ "$started" = 1 ] || return 0; stop_pidfile kube-controller-manager "$PIDF" "$BIN" "$MARK"; }
trap cleanup EXIT

rm -rf "$STATE/serving-certs" "$STATE/env"
{
  # (no --authentication/authorization-kubeconfig: the secure port serves /healthz to anyone
  #  and nothing else, and there is no front proxy whose CA the delegated authenticator could read)
  echo "--kubeconfig=$KUBECFG"
  echo "--bind-address=$HOST"
  echo "--secure-port=$PORT"
  echo "--port=0"
  echo "$MARK"
  echo "--controllers=$CONTROLLERS"
  echo "--cluster-signing-cert-file=$CA"
  echo "--cluster-signing-key-file=$CA_KEY"
  echo "--root-ca-file=$CA"
  [ -z "$SA_KEY" ] || echo "--service-account-private-key-file=$SA_KEY"
  echo "--use-service-account-credentials=false"
  echo "--leader-elect=false"
  echo "--profiling=false"
  echo "--v=2"
} >"$STATE/kube-controller-manager.conf"
read -r -a extra <<<"${KUBE_CONTROLLER_MANAGER_EXTRA_ARGS:-}"
[ ${#extra[@]} -eq 0 ] || printf '%s\n' "${extra[@]}" >>"$STATE/kube-controller-manager.conf"
mapfile -t args <"$STATE/kube-controller-manager.conf"
log "starting kube-controller-manager $VERSION (controllers $CONTROLLERS), healthz https://$HOST:$PORT"
start_detached "$PIDF" "$STATE/kube-controller-manager.log" "$BIN" "${args[@]}"
started=1
wait_until kube-controller-manager "$PIDF" "$STATE/kube-controller-manager.log" "$TIMEOUT" https_healthy "$HOST" "$PORT"
{
  printf 'KUBE_CONTROLLER_MANAGER_URL=%q\n' "https://$HOST:$PORT"
  printf 'KUBE_CONTROLLER_MANAGER_HOST=%q\n' "$HOST"
  printf 'KUBE_CONTROLLER_MANAGER_PORT=%q\n' "$PORT"
  printf 'KUBE_CONTROLLER_MANAGER_VERSION=%q\n' "$VERSION"
  printf 'KUBE_CONTROLLER_MANAGER_KUBECONFIG=%q\n' "$KUBECFG"
  printf 'KUBE_CONTROLLER_MANAGER_CONTROLLERS=%q\n' "$CONTROLLERS"
  printf 'KUBE_CONTROLLER_MANAGER_PID=%q\n' "$(pid_of "$PIDF")"
  printf 'KUBE_CONTROLLER_MANAGER_LOG=%q\n' "$STATE/kube-controller-manager.log"
} >"$STATE/env"
started=0   # success: keep running
log "ready: kube-controller-manager $VERSION (pid $(pid_of "$PIDF"))"
cat "$STATE/env"
