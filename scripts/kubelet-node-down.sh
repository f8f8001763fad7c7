#!/usr/bin/env bash
# kubelet-node-down.sh - stop the kubelet, fake-cri (and a still running kubeadm join) that
# kubelet-node-up.sh started (only the processes named in its PID files, after checking they are
# ours) and delete the instance's data (certificates, kubeconfigs, kubelet root dir, rootfs).
# Logs stay. The Node object stays in the cluster (a kubelet may not delete its Node): it turns
# NotReady/Unknown about 40 s later when kube-controller-manager's nodelifecycle controller runs;
# delete it with an admin kubeconfig. Safe to run when nothing is running.
# Env: MOTHERSHIP_CACHE, KUBELET_NODE_STATE_DIR, KUBELET_NODE_KEEP_DATA=1.
set -euo pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
# shellcheck source=lib/common.sh
. "$HERE/lib/common.sh"
STATE=${KUBELET_NODE_STATE_DIR:-$MOTHERSHIP_CACHE/kubelet-node/instance}

[ -d "$STATE" ] || { log "nothing to stop ($STATE does not exist)"; exit 0; }
# resolved paths, as kubelet-node-up.sh records them in the command lines
STATE=$(cd "$STATE" && pwd -P)
[ ! -d "$MOTHERSHIP_CACHE" ] || MOTHERSHIP_CACHE=$(cd "$MOTHERSHIP_CACHE" && pwd -P)
# shellcheck source=lib/kube-node.sh
. "$HERE/lib/kube-node.sh"
ROOTFS=$STATE/rootfs
exec 9>"$STATE/.lock"
flock 9
stop_pidfile kubeadm "$STATE/kubeadm.pid" "$KUBE_NODE_BIN_DIR/kubeadm" "--rootfs=$ROOTFS"
stop_pidfile kubelet "$STATE/kubelet.pid" "$KUBE_NODE_BIN_DIR/kubelet" "--root-dir=$STATE/"   # root dir in either mode
stop_pidfile fake-cri "$STATE/fake-cri.pid" "$KUBE_NODE_BIN_DIR/fake-cri" "-endpoint unix://$STATE/cri/fake.sock"
rm -f "$STATE/env" "$STATE/env.partial"
if [ "${KUBELET_NODE_KEEP_DATA:-0}" != 1 ]; then
  # (the kubelet's mounts lived in its own mount namespace and ended with it; rootfs holds a
  #  symlink to "/", which rm -r removes without following)
  rm -rf "$STATE/cri" "$STATE/host" "$STATE/pki" "$STATE/root" "$ROOTFS" "$STATE/cwd" "$STATE/volume-plugins" \
         "$STATE/bootstrap-kubeconfig" "$STATE/kubeconfig" "$STATE/kubelet-config.yaml" "$STATE/ca.crt" \
         "$STATE/kubeadm.rc" "$STATE/hosts"
fi
