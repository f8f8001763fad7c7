#!/usr/bin/env bash
# kube-scheduler-up.sh - start a real kube-scheduler v1.20 (built by kube-node-build.sh from
# Debian's kubernetes source package) against a running kube-apiserver: it binds pending Pods to
# Nodes. Secure port (/healthz) on loopback only, no insecure port, no leader election.
# The cluster defaults to the kube-apiserver-up.sh instance ($KUBE_APISERVER_STATE_DIR/env).
# Idempotent: if the instance it started (PID file) is still running and healthy, reuses it.
# Prints KEY=VALUE lines on stdout (also saved in $KUBE_SCHEDULER_STATE_DIR/env); logs on stderr.
# Env: MOTHERSHIP_CACHE, KUBE_SCHEDULER_STATE_DIR, KUBE_SCHEDULER_KUBECONFIG,
#      KUBE_SCHEDULER_HOST (127.0.0.1), KUBE_SCHEDULER_PORT (free port), KUBE_SCHEDULER_EXTRA_ARGS,
#      KUBE_SCHEDULER_START_TIMEOUT (60 s), KUBE_APISERVER_STATE_DIR.
set -euo pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
# shellcheck source=lib/common.sh
. "$HERE/lib/common.sh"
STATE=${KUBE_SCHEDULER_STATE_DIR:-$MOTHERSHIP_CACHE/kube-scheduler/instance}
# shellcheck source=lib/kube-node.sh
. "$HERE/lib/kube-node.sh"
BIN=$KUBE_NODE_BIN_DIR/kube-scheduler
HOST=${KUBE_SCHEDULER_HOST:-127.0.0.1}
TIMEOUT=${KUBE_SCHEDULER_START_TIMEOUT:-60}
PIDF=$STATE/kube-scheduler.pid
MARK=--cert-dir=$STATE/serving-certs   # argument that marks our process

require_loopback KUBE_SCHEDULER_HOST "$HOST"
KUBECFG=${KUBE_SCHEDULER_KUBECONFIG:-$(from_apiserver_env KUBECONFIG)}
if [ -z "$KUBECFG" ] || [ ! -r "$KUBECFG" ]; then
  die "no kubeconfig: set KUBE_SCHEDULER_KUBECONFIG or start kube-apiserver-up.sh first ($APISERVER_ENV)"
fi
require_loopback_url "the server of $KUBECFG" "$(kubeconfig_server "$KUBECFG")"

mkdir -p "$STATE"; chmod 700 "$STATE"
exec 9>"$STATE/.lock"
flock 9 || die "cannot lock $STATE/.lock"

# ---- reuse a running instance of ours
if pid_ours "$PIDF" "$BIN" "$MARK" && [ -s "$STATE/env" ] &&
   same_request KUBE_SCHEDULER_HOST "$HOST" && same_request KUBE_SCHEDULER_PORT "${KUBE_SCHEDULER_PORT:-}" &&
   same_request KUBE_SCHEDULER_KUBECONFIG "$KUBECFG" &&
   https_healthy "$HOST" "$(env_value KUBE_SCHEDULER_PORT)"; then
  log "already running (pid $(pid_of "$PIDF"))"
  cat "$STATE/env"
  exit 0
fi
stop_pidfile kube-scheduler "$PIDF" "$BIN" "$MARK"

apt_install curl ca-certificates
kube_node_built kube-scheduler
VERSION=$("$BIN" --version | awk '{print $2}')
PORT=$(pick_port KUBE_SCHEDULER_PORT "${KUBE_SCHEDULER_PORT:-}")

started=0
cleanup() { [ "$started" = 1 ] || return 0; stop_pidfile kube-scheduler "$PIDF" "$BIN" "$MARK"; }
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
  echo "--leader-elect=false"
  echo "--profiling=false"
  echo "--v=2"
} >"$STATE/kube-scheduler.conf"
read -r -a extra <<<"${KUBE_SCHEDULER_EXTRA_ARGS:-}"
[ ${#extra[@]} -eq 0 ] || printf '%s\n' "${extra[@]}" >>"$STATE/kube-scheduler.conf"
mapfile -t args <"$STATE/kube-scheduler.conf"
log "starting kube-scheduler $VERSION, healthz https://$HOST:$PORT"
start_detached "$PIDF" "$STATE/kube-scheduler.log" "$BIN" "${args[@]}"
started=1
wait_until kube-scheduler "$PIDF" "$STATE/kube-scheduler.log" "$TIMEOUT" https_healthy "$HOST" "$PORT"
{
  printf 'KUBE_SCHEDULER_URL=%q\n' "https://$HOST:$PORT"
  printf 'KUBE_SCHEDULER_HOST=%q\n' "$HOST"
  printf 'KUBE_SCHEDULER_PORT=%q\n' "$PORT"
  printf 'KUBE_SCHEDULER_VERSION=%q\n' "$VERSION"
  printf 'KUBE_SCHEDULER_KUBECONFIG=%q\n' "$KUBECFG"
  printf 'KUBE_SCHEDULER_PID=%q\n' "$(pid_of "$PIDF")"
  printf 'KUBE_SCHEDULER_LOG=%q\n' "$STATE/kube-scheduler.log"
} >"$STATE/env"
started=0   # success: keep running
log "ready: kube-scheduler $VERSION (pid $(pid_of "$PIDF"))"
cat "$STATE/env"
