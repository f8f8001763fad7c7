#!/usr/bin/env bash
# kube-apiserver-down.sh - stop the kube-apiserver and etcd that kube-apiserver-up.sh started
# (only the processes named in its PID files, after checking they are ours) and delete their
# data (etcd, PKI, kubeconfig). Logs stay. Safe to run when nothing is running.
# Env: MOTHERSHIP_CACHE, KUBE_APISERVER_STATE_DIR, KUBE_APISERVER_BIN, KUBE_APISERVER_KEEP_DATA=1.
set -euo pipefail

# shellcheck source=lib/common.sh
. "$(dirname "${BASH_SOURCE[0]}")/lib/common.sh"
STATE=${KUBE_APISERVER_STATE_DIR:-$MOTHERSHIP_CACHE/kube-apiserver/instance}
# shellcheck source=lib/kube-apiserver.sh
. "$(dirname "${BASH_SOURCE[0]}")/lib/kube-apiserver.sh"

[ -d "$STATE" ] || { log "nothing to stop ($STATE does not exist)"; exit 0; }
exec 9>"$STATE/.lock"
flock 9
stop_pidfile kube-apiserver "$API_PID" "$BIN" "$API_MARK"
stop_pidfile etcd "$ETCD_PID" "$ETCD_BIN" "$STATE/etcd"
rm -f "$STATE/env"
if [ "${KUBE_APISERVER_KEEP_DATA:-0}" != 1 ]; then
  rm -rf "$STATE/etcd" "$STATE/pki" "$STATE/apiserver-certs" "$STATE/kubeconfig"
fi
