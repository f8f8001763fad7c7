#!/usr/bin/env bash
# dev-down.sh - remove everything scripts/dev-up.sh started: deletes the dev cluster through the
# management cluster (so Mothership cleans its workers up as it would in production: kubeadm
# reset on each host, Nodes deleted, hosts released), then stops the dev node (every pod process,
# network namespace, veth and the bridge go with it), the manager, the worker hosts, the
# kube-scheduler, kube-controller-manager, kube-apiserver and etcd, and deletes
# $MOTHERSHIP_DEV_DIR. Builds in $MOTHERSHIP_CACHE stay. Safe to run when nothing runs.
# Env: MOTHERSHIP_CACHE, MOTHERSHIP_DEV_DIR ($MOTHERSHIP_CACHE/dev), DEV_DELETE_TIMEOUT (180 s),
#      DEV_KEEP_LOGS=1 (keep $MOTHERSHIP_DEV_DIR's logs).
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
# shellcheck source=lib/common.sh
. "$ROOT/scripts/lib/common.sh"
DEV=${MOTHERSHIP_DEV_DIR:-$MOTHERSHIP_CACHE/dev}
TIMEOUT=${DEV_DELETE_TIMEOUT:-180}
T0=$(date +%s)
step() { printf '[dev-down %4ss] %s\n' "$(( $(date +%s) - T0 ))" "$*" >&2; }

[ -d "$DEV" ] || { step "nothing to do: $DEV does not exist"; exit 0; }
[ "$(id -u)" = 0 ] || die "dev mode runs as root; run dev-down.sh as root"
DEV=$(cd "$DEV" && pwd -P)
exec 9>"$DEV/.lock"
flock -w 30 9 || die "another dev-up.sh or dev-down.sh runs on $DEV"
export KUBE_APISERVER_STATE_DIR=$DEV/management/apiserver
MGMT_KUBECONFIG=$(sed -n 's/^KUBECONFIG=//p' "$KUBE_APISERVER_STATE_DIR/env" 2>/dev/null || true)
running() { alive "$(pid_of "$1" || echo 0)"; }

# ---- 1. delete the clusters while the manager still runs, so workers are cleaned up
if [ -n "$MGMT_KUBECONFIG" ] && [ -r "$MGMT_KUBECONFIG" ] && running "$DEV/manager.pid" &&
   kubectl --kubeconfig "$MGMT_KUBECONFIG" get --raw /readyz >/dev/null 2>&1; then
  export KUBECONFIG=$MGMT_KUBECONFIG
  if [ -n "$(kubectl get clusters.cluster.x-k8s.io -A --no-headers 2>/dev/null)" ]; then
    step "deleting every Cluster (Mothership resets and releases the workers; up to ${TIMEOUT}s)"
    kubectl delete clusters.cluster.x-k8s.io --all -A --wait=false >/dev/null
    deadline=$(( $(date +%s) + TIMEOUT ))
    while [ -n "$(kubectl get clusters.cluster.x-k8s.io -A --no-headers 2>/dev/null)" ]; do
      if [ "$(date +%s)" -ge "$deadline" ]; then
        step "WARNING: clusters still present after ${TIMEOUT}s; stopping everything anyway"
        kubectl get clusters.cluster.x-k8s.io,machines.cluster.x-k8s.io -A >&2 || true
        break
      fi
      sleep 2
    done
  fi
fi

# ---- 2. stop the processes, dev node first (it tears its pods and network down on SIGTERM)
stop_process() {  # NAME PIDFILE GRACE
  local pid
  pid=$(pid_of "$2") || return 0
  alive "$pid" || { rm -f "$2"; return 0; }
  step "stopping $1 (pid $pid)"
  kill -TERM "$pid" 2>/dev/null || true
  for _ in $(seq 1 $(( $3 * 5 ))); do alive "$pid" || break; sleep 0.2; done
  if alive "$pid"; then step "WARNING: $1 did not stop in $3 s; killing it"; kill -KILL "$pid" 2>/dev/null || true; fi
  rm -f "$2"
}
stop_process "dev node" "$DEV/dev-node.pid" 60
stop_process manager "$DEV/manager.pid" 30
if [ -d "$DEV/hosts" ]; then
  for state in "$DEV"/hosts/*/; do
    [ -d "$state" ] || continue
    name=$(basename "$state")
    step "stopping worker host $name"
    DEV_HOST_NAME=$name DEV_HOST_STATE_DIR=${state%/} "$ROOT/scripts/dev-host-down.sh" 2>>"$DEV/hosts.log" || step "WARNING: dev-host-down.sh failed for $name"
  done
fi
step "stopping the management cluster"
KUBE_SCHEDULER_STATE_DIR=$DEV/management/scheduler "$ROOT/scripts/kube-scheduler-down.sh" 2>/dev/null || true
KUBE_CONTROLLER_MANAGER_STATE_DIR=$DEV/management/controller-manager "$ROOT/scripts/kube-controller-manager-down.sh" 2>/dev/null || true
"$ROOT/scripts/kube-apiserver-down.sh" 2>/dev/null || true

# ---- 3. the state
if [ "${DEV_KEEP_LOGS:-}" = 1 ]; then
  find "$DEV" -mindepth 1 -maxdepth 1 ! -name '*.log' ! -name .lock -exec rm -rf {} +
  step "done; logs kept in $DEV"
else
  rm -rf "$DEV"
  step "done; $DEV removed"
fi
