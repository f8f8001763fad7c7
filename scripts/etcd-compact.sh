#!/usr/bin/env bash
# etcd-compact.sh - compact the etcd of a running kube-apiserver-up.sh instance up to its current
# revision, so every older resourceVersion is gone (watches from one get 410 Expired), as etcd's
# periodic compaction does on a real cluster. Prints ETCD_COMPACTED_REVISION.
# Env: MOTHERSHIP_CACHE, KUBE_APISERVER_STATE_DIR.
set -euo pipefail

# shellcheck source=lib/common.sh
. "$(dirname "${BASH_SOURCE[0]}")/lib/common.sh"
STATE=${KUBE_APISERVER_STATE_DIR:-$MOTHERSHIP_CACHE/kube-apiserver/instance}

[ -s "$STATE/env" ] || die "no running instance in $STATE (start it with kube-apiserver-up.sh)"
apt_install etcd-client
URL=$(sed -n 's/^KUBE_APISERVER_ETCD_URL=//p' "$STATE/env")
export ETCDCTL_API=3
REVISION=$(etcdctl --endpoints "$URL" endpoint status --write-out=json |
  python3 -c 'import json, sys; print(json.load(sys.stdin)[0]["Status"]["header"]["revision"])')
etcdctl --endpoints "$URL" compact "$REVISION" >&2
printf 'ETCD_COMPACTED_REVISION=%q\n' "$REVISION"
