#!/usr/bin/env bash
# kube-controller-manager-down.sh - stop the kube-controller-manager that
# kube-controller-manager-up.sh started (only the process named in its PID file, after checking
# it is ours) and delete its serving certificates. Logs stay. Safe to run when nothing is running.
# Env: MOTHERSHIP_CACHE, KUBE_CONTROLLER_MANAGER_STATE_DIR.
set -euo pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
# shellcheck source=lib/common.sh
. "$HERE/lib/common.sh"
STATE=${KUBE_CONTROLLER_MANAGER_STATE_DIR:-$MOTHERSHIP_CACHE/kube-controller-manager/instance}
# shellcheck source=lib/kube-node.sh
. "$HERE/lib/kube-node.sh"

[ -d "$STATE" ] || { log "nothing to stop ($STATE does not exist)"; exit 0; }
exec 9>"$STATE/.lock"
flock 9
stop_pidfile kube-controller-manager "$STATE/kube-controller-manager.pid" "$KUBE_NODE_BIN_DIR/kube-controller-manager" \
  "--cert-dir=$STATE/serving-certs"
rm -rf "$STATE/env" "$STATE/serving-certs"
