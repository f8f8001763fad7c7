# kube-apiserver.sh - what the kube-apiserver scripts share: the instance layout and the
# readiness check. Source it after common.sh; it expects STATE (the instance directory).
# shellcheck shell=bash

BIN=${KUBE_APISERVER_BIN:-$MOTHERSHIP_CACHE/kube-apiserver/bin/kube-apiserver}
ETCD_BIN=${KUBE_APISERVER_ETCD_BIN:-/usr/bin/etcd}
API_PID=$STATE/kube-apiserver.pid
ETCD_PID=$STATE/etcd.pid
P=$STATE/pki
API_MARK=--cert-dir=$STATE/apiserver-certs   # argument that marks our kube-apiserver process

kube_apiserver_ready() {  # HOST PORT: /readyz says ok and the default namespace exists
  [ "$(curl -sS --max-time 3 --cacert "$P/ca.crt" --cert "$P/admin.crt" --key "$P/admin.key" \
        "https://$1:$2/readyz" 2>/dev/null)" = ok ] &&
  curl -sSf --max-time 3 -o /dev/null --cacert "$P/ca.crt" --cert "$P/admin.crt" --key "$P/admin.key" \
        "https://$1:$2/api/v1/namespaces/default" 2>/dev/null
}

wait_kube_apiserver_ready() {  # HOST PORT TIMEOUT
  local i
  for i in $(seq 1 $(($3 * 5))); do
    kube_apiserver_ready "$1" "$2" && return 0
    alive "$(pid_of "$API_PID")" || { tail -20 "$STATE/kube-apiserver.log" >&2; die "kube-apiserver exited; log: $STATE/kube-apiserver.log"; }
    [ "$i" -lt $(($3 * 5)) ] || die "kube-apiserver not ready after ${3}s; log: $STATE/kube-apiserver.log"
    sleep 0.2
  done
}
