# kube-node.sh - what the scripts that run the rest of a cluster beside kube-apiserver-up.sh share
# (kube-controller-manager, kube-scheduler, kubelet nodes): where kube-node-build.sh puts the
# binaries, the API server instance they attach to, reuse checks and health waits.
# Source it after common.sh; it expects STATE (the instance directory) for same_request.
# shellcheck shell=bash

KUBE_NODE_BIN_DIR=$MOTHERSHIP_CACHE/kube-node/bin
# the kube-apiserver-up.sh instance whose kubeconfig, CA and keys are the defaults
APISERVER_ENV=${KUBE_APISERVER_STATE_DIR:-$MOTHERSHIP_CACHE/kube-apiserver/instance}/env

kube_node_built() {  # TOOL...: build (once; minutes) unless every TOOL is there
  local t
  for t in "$@"; do
    [ -x "$KUBE_NODE_BIN_DIR/$t" ] || { "$(dirname "${BASH_SOURCE[0]}")/../kube-node-build.sh" >&2; break; }
  done
  for t in "$@"; do [ -x "$KUBE_NODE_BIN_DIR/$t" ] || die "$KUBE_NODE_BIN_DIR/$t missing after build"; done
}

from_apiserver_env() {  # KEY: value from the kube-apiserver instance's env file (empty if none)
  [ -r "$APISERVER_ENV" ] || return 0
  sed -n "s/^$1=//p" "$APISERVER_ENV"
}

same_request() {  # KEY VALUE: VALUE is empty or equals KEY in the running instance's env file
  [ -z "$2" ] || [ "$(printf %q "$2")" = "$(sed -n "s/^$1=//p" "$STATE/env" 2>/dev/null)" ]
}

env_value() { sed -n "s/^$1=//p" "$STATE/env" 2>/dev/null; }  # KEY: from the instance's env file

https_healthy() {  # HOST PORT: /healthz on a secure port says ok (self-signed serving certificate on loopback: not verified)
  [ "$(curl -sSk --max-time 3 "https://$1:$2/healthz" 2>/dev/null)" = ok ]
}

wait_until() {  # NAME PIDFILE LOG TIMEOUT CHECK...: poll CHECK every 0.2 s while the process lives
  local name=$1 pidfile=$2 logfile=$3 timeout=$4 i; shift 4
  for i in $(seq 1 $((timeout * 5))); do
    "$@" && return 0
    alive "$(pid_of "$pidfile" || echo 0)" || { tail -20 "$logfile" >&2; die "$name exited; log: $logfile"; }
    [ "$i" -lt $((timeout * 5)) ] || die "$name not healthy after ${timeout}s; log: $logfile"
    sleep 0.2
  done
}

kubeconfig_server() { sed -n 's/^ *server: *//p' "$1" 2>/dev/null | head -1; }  # FILE: its (first) server URL

require_loopback_url() {  # NAME URL: an https://HOST:PORT URL whose HOST is a loopback address
  [[ $2 =~ ^https://([^/:]+):([0-9]+)/?$ ]] || die "$1=$2 is not https://HOST:PORT"
  require_loopback "host of $1" "${BASH_REMATCH[1]}"
}
