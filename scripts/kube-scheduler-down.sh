#!/usr/bin/env bash
# kube-scheduler-down.sh - stop the kube-scheduler that kube-scheduler-up.sh started (only the
# process named in its PID file, after checking it is ours) and delete its serving certificates.
# Logs stay. Safe to run when nothing is running.
# Env: MOTHERSHIP_CACHE, KUBE_SCHEDULER_STATE_DIR.
set -euo pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
# shellcheck source=lib/common.sh
. "$HERE/lib/common.sh"
STATE=${KUBE_SCHEDULER_STATE_DIR:-$MOTHERSHIP_CACHE/kube-scheduler/instance}
# shellcheck source=lib/kube-node.sh
. "$HERE/lib/kube-node.sh"

[ -d "$STATE" ] || { log "nothing to stop ($STATE does not exist)"; exit 0; }
exec 9>"$STATE/.lock"
flock 9
stop_pidfile kube-scheduler "$STATE/kube-scheduler.pid" "$KUBE_NODE_BIN_DIR/kube-scheduler" "--cert-dir=$STATE/serving-certs"
rm -rf "$STATE/env" "$STATE/serving-certs"
