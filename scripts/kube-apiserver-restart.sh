#!/usr/bin/env bash
# kube-apiserver-restart.sh - stop and start again the kube-apiserver of a running instance of
# kube-apiserver-up.sh, with the same flags, port and PKI; etcd and its data stay. For tests of
# what clients see when their API server restarts. Returns once it is ready again.
# Env: MOTHERSHIP_CACHE, KUBE_APISERVER_STATE_DIR, KUBE_APISERVER_START_TIMEOUT (90 s).
set -euo pipefail

# shellcheck source=lib/common.sh
. "$(dirname "${BASH_SOURCE[0]}")/lib/common.sh"
STATE=${KUBE_APISERVER_STATE_DIR:-$MOTHERSHIP_CACHE/kube-apiserver/instance}
TIMEOUT=${KUBE_APISERVER_START_TIMEOUT:-90}
# shellcheck source=lib/kube-apiserver.sh
. "$(dirname "${BASH_SOURCE[0]}")/lib/kube-apiserver.sh"

[ -s "$STATE/env" ] || die "no running instance in $STATE (start it with kube-apiserver-up.sh)"
exec 9>"$STATE/.lock"
flock 9 || die "cannot lock $STATE/.lock"
pid_ours "$ETCD_PID" "$ETCD_BIN" "$STATE/etcd" || die "etcd of $STATE is not running"
HOST=$(sed -n 's/^KUBE_APISERVER_HOST=//p' "$STATE/env")
PORT=$(sed -n 's/^KUBE_APISERVER_PORT=//p' "$STATE/env")

stop_pidfile kube-apiserver "$API_PID" "$BIN" "$API_MARK"
mapfile -t args <"$STATE/kube-apiserver.conf"
log "starting kube-apiserver again on https://$HOST:$PORT"
start_detached "$API_PID" "$STATE/kube-apiserver.log" "$BIN" "${args[@]}"
wait_kube_apiserver_ready "$HOST" "$PORT" "$TIMEOUT"
sed -i "s/^KUBE_APISERVER_PID=.*/KUBE_APISERVER_PID=$(pid_of "$API_PID")/" "$STATE/env"
log "ready again (pid $(pid_of "$API_PID"))"
