#!/usr/bin/env bash
# kubelet-node-up.sh - run a real kubelet v1.20 (built by kube-node-build.sh from Debian's
# kubernetes source package) as a worker node that joins a running cluster with a bootstrap token:
# TLS bootstrap (CSR -> approved -> signed -> client certificate), Node registration (name,
# labels, taints, providerID) and Ready. Nothing runs in containers: the kubelet's CRI runtime
# is fake-cri (kubelet's in-tree fake runtime) on a unix socket in the instance directory.
# KUBELET_NODE_MODE picks how the node joins:
#   kubelet  (default) the kubelet's own TLS bootstrap from a bootstrap kubeconfig (token + CA).
#   kubeadm  a real "kubeadm join --config /run/kubeadm/kubeadm-join-config.yaml" (the given
#            JoinConfiguration, or one made from token + CA hash), chrooted (--rootfs) into the
#            instance directory; this script plays systemd and starts the kubelet from the files
#            kubeadm wrote (kubeadm-flags.env, config.yaml, bootstrap-kubelet.conf).
# The cluster must already accept the token: its bootstrap-token Secret and the RBAC "kubeadm
# init" creates for joining nodes, and for kubeadm mode the signed cluster-info, kubeadm-config
# and kubelet-config-1.20 ConfigMaps (in the product Mothership's controllers create them).
# API URL and CA default to the kube-apiserver-up.sh instance. Needs root (kubelet v1.20 mounts
# and reads cgroups). Every server binds to loopback only. Idempotent: a running, ready instance
# of ours is reused.
# Prints KEY=VALUE lines on stdout (also saved in $KUBELET_NODE_STATE_DIR/env); logs on stderr.
# Env: MOTHERSHIP_CACHE, KUBELET_NODE_STATE_DIR, KUBELET_NODE_MODE (kubelet|kubeadm),
#      KUBELET_NODE_NAME (sim-node), KUBELET_NODE_API_URL, KUBELET_NODE_CA, KUBELET_NODE_TOKEN,
#      KUBELET_NODE_JOIN_CONFIG (kubeadm mode), KUBELET_NODE_PROVIDER_ID, KUBELET_NODE_LABELS,
#      KUBELET_NODE_TAINTS, KUBELET_NODE_IP, KUBELET_NODE_PORT, KUBELET_NODE_HEALTHZ_PORT,
#      KUBELET_NODE_EXTRA_ARGS, KUBELET_NODE_KERNEL_TUNABLES (warn|modify),
#      KUBELET_NODE_WAIT (ready|registered|started), KUBELET_NODE_START_TIMEOUT (180 s),
#      KUBE_APISERVER_STATE_DIR.
set -euo pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
# shellcheck source=lib/common.sh
. "$HERE/lib/common.sh"
STATE=${KUBELET_NODE_STATE_DIR:-$MOTHERSHIP_CACHE/kubelet-node/instance}
# absolute, resolved paths: the processes run in $STATE/cwd, and the paths mark them as ours
mkdir -p "$MOTHERSHIP_CACHE" "$STATE"
MOTHERSHIP_CACHE=$(cd "$MOTHERSHIP_CACHE" && pwd -P) STATE=$(cd "$STATE" && pwd -P)
# shellcheck source=lib/kube-node.sh
. "$HERE/lib/kube-node.sh"
KUBELET=$KUBE_NODE_BIN_DIR/kubelet FAKE_CRI=$KUBE_NODE_BIN_DIR/fake-cri KUBEADM=$KUBE_NODE_BIN_DIR/kubeadm
MODE=${KUBELET_NODE_MODE:-kubelet}
WAIT=${KUBELET_NODE_WAIT:-ready}
TUNABLES=${KUBELET_NODE_KERNEL_TUNABLES:-warn}
TIMEOUT=${KUBELET_NODE_START_TIMEOUT:-180}
ROOTFS=$STATE/rootfs                       # kubeadm mode: kubeadm's "/" (its --rootfs)
CRI_SOCK=$STATE/cri/fake.sock
CRI_ENDPOINT=unix://$CRI_SOCK
KUBELET_PID=$STATE/kubelet.pid CRI_PID=$STATE/fake-cri.pid KUBEADM_PID=$STATE/kubeadm.pid
if [ "$MODE" = kubeadm ]; then ROOT_DIR=$ROOTFS/var/lib/kubelet; else ROOT_DIR=$STATE/root; fi
KUBELET_MARK=--root-dir=$STATE/            # arguments that mark our processes (kubelet: either mode)
CRI_MARK="-endpoint $CRI_ENDPOINT"
KUBEADM_MARK=--rootfs=$ROOTFS

# Safety: kubelet v1.20 hard-codes three host paths. A starting kubelet empties
# /var/lib/kubelet/device-plugins (its device-plugin socket directory), and its log cleanup
# deletes the pod log directories it does not know from /var/log/pods (and their links in
# /var/log/containers), so several kubelets on one machine would wipe each other's files and the
# machine's own. Each process therefore runs in a private mount namespace (unshare --mount,
# private propagation) where the instance's own directories are bound over those three paths; the
# kubelet's bind mount of its root directory stays in that namespace too and goes away with it.
# The kubelet also gets its own /etc/hosts (the machine's plus "127.0.0.1 <node name>"): it
# looks its node name up at every status update, which otherwise goes to the machine's DNS
# resolver (off loopback).
# shellcheck disable=SC2016
NS_SETUP='set -e; s=$1; shift
mount --bind "$s/host/device-plugins" /var/lib/kubelet/device-plugins
mount --bind "$s/host/pod-logs" /var/log/pods
mount --bind "$s/host/container-logs" /var/log/containers
if [ -f "$s/hosts" ] && [ -f /etc/hosts ]; then mount --bind "$s/hosts" /etc/hosts; fi
exec "$@"'
start_in_ns() {  # PIDFILE LOGFILE CMD...: start_detached, in a private mount namespace set up as above
  local pidfile=$1 logfile=$2; shift 2
  start_detached "$pidfile" "$logfile" unshare --mount --propagation private -- bash -c "$NS_SETUP" ns-setup "$STATE" "$@"
}
stop_all() {
  stop_pidfile kubeadm "$KUBEADM_PID" "$KUBEADM" "$KUBEADM_MARK"
  stop_pidfile kubelet "$KUBELET_PID" "$KUBELET" "$KUBELET_MARK"
  stop_pidfile fake-cri "$CRI_PID" "$FAKE_CRI" "$CRI_MARK"
}

# ---- inputs
[ "$(id -u)" = 0 ] || die "kubelet v1.20 needs root (mounts, cgroups); run as root"
case "$MODE" in kubelet|kubeadm) ;; *) die "KUBELET_NODE_MODE=$MODE: use kubelet or kubeadm" ;; esac
case "$WAIT" in ready|registered|started) ;; *) die "KUBELET_NODE_WAIT=$WAIT: use ready, registered or started" ;; esac
case "$TUNABLES" in warn|modify) ;; *) die "KUBELET_NODE_KERNEL_TUNABLES=$TUNABLES: use warn or modify" ;; esac
JOIN_CONFIG=${KUBELET_NODE_JOIN_CONFIG:-}
[ -z "$JOIN_CONFIG" ] || [ "$MODE" = kubeadm ] || die "KUBELET_NODE_JOIN_CONFIG needs KUBELET_NODE_MODE=kubeadm"
[ -z "$JOIN_CONFIG" ] || [ -r "$JOIN_CONFIG" ] || die "KUBELET_NODE_JOIN_CONFIG=$JOIN_CONFIG is not readable"
if [ -n "$JOIN_CONFIG" ]; then   # loopback only: the API server endpoint(s) the config names
  endpoints=$(sed -n "s/^ *[\"']\{0,1\}apiServerEndpoint[\"']\{0,1\}: *//p" "$JOIN_CONFIG")
  [ -n "$endpoints" ] || die "$JOIN_CONFIG names no discovery.bootstrapToken.apiServerEndpoint (only token discovery is supported)"
  while read -r ep; do
    [[ $ep =~ ^[\"\']?([^:\"\']+):[0-9]+[\"\']?$ ]] || die "cannot read apiServerEndpoint '$ep' in $JOIN_CONFIG"
    require_loopback "apiServerEndpoint in KUBELET_NODE_JOIN_CONFIG" "${BASH_REMATCH[1]}"
  done <<<"$endpoints"
fi
NAME=${KUBELET_NODE_NAME:-}
[ -n "$NAME" ] || [ -n "$JOIN_CONFIG" ] || NAME=sim-node
URL='' CA='' TOKEN=''
if [ -z "$JOIN_CONFIG" ]; then   # the kubelet's bootstrap kubeconfig, or a generated JoinConfiguration
  URL=${KUBELET_NODE_API_URL:-$(from_apiserver_env KUBE_APISERVER_URL)}
  CA=${KUBELET_NODE_CA:-$(from_apiserver_env KUBE_APISERVER_CA)}
  TOKEN=${KUBELET_NODE_TOKEN:-}
  [ -n "$URL" ] || die "need KUBELET_NODE_API_URL (or a running kube-apiserver-up.sh instance: $APISERVER_ENV)"
  [ -r "$CA" ] || die "KUBELET_NODE_CA=$CA is not readable"
  require_loopback_url KUBELET_NODE_API_URL "$URL"
  URL=${URL%/}
  [ -z "$TOKEN" ] || [[ $TOKEN =~ ^[a-z0-9]{6}\.[a-z0-9]{16}$ ]] ||
    die "KUBELET_NODE_TOKEN is not a bootstrap token (abcdef.0123456789abcdef)"
fi

chmod 700 "$STATE"
exec 9>"$STATE/.lock"
flock 9 || die "cannot lock $STATE/.lock"

# The Node as the kubelet itself sees it (its own client certificate; the Node authorizer lets
# a node read its own Node). Sets NODE_JSON (compact); fails if unreadable.
node_get() {
  local url ca cert
  url=$(sed -n 's/^KUBELET_NODE_API_URL=//p' "$STATE/env.partial" 2>/dev/null)
  ca=$(sed -n 's/^KUBELET_NODE_CA=//p' "$STATE/env.partial" 2>/dev/null)
  cert=$(sed -n 's/^KUBELET_NODE_CLIENT_CERT=//p' "$STATE/env.partial" 2>/dev/null)
  [ -n "$url" ] && [ -r "$cert" ] || return 1
  NODE_JSON=$(curl -sSf --max-time 5 --cacert "$ca" --cert "$cert" --key "$cert" "$url/api/v1/nodes/$1" 2>/dev/null | tr -d ' \n') || return 1
  [ -n "$NODE_JSON" ]
}
node_ready() {  # NAME [SINCE]: Ready=True, reported (heartbeat) at or after SINCE (UTC, RFC 3339)
  node_get "$1" || return 1
  local hb
  hb=$(sed -n 's/.*"type":"Ready","status":"True","lastHeartbeatTime":"\([^"]*\)".*/\1/p' <<<"$NODE_JSON")
  [ -n "$hb" ] && { [ -z "${2:-}" ] || [[ ! $hb < $2 ]]; }
}
kubelet_healthy() { [ "$(curl -sS --max-time 3 "http://127.0.0.1:$1/healthz" 2>/dev/null)" = ok ]; }

# ---- reuse a running instance of ours
if pid_ours "$KUBELET_PID" "$KUBELET" "$KUBELET_MARK" && pid_ours "$CRI_PID" "$FAKE_CRI" "$CRI_MARK" && [ -s "$STATE/env" ] &&
   same_request KUBELET_NODE_MODE "${KUBELET_NODE_MODE:-}" && same_request KUBELET_NODE_NAME "${KUBELET_NODE_NAME:-}" &&
   same_request KUBELET_NODE_API_URL "$URL" &&
   same_request KUBELET_NODE_PROVIDER_ID "${KUBELET_NODE_PROVIDER_ID:-}" &&
   kubelet_healthy "$(env_value KUBELET_NODE_HEALTHZ_PORT)" &&
   { [ "$WAIT" != ready ] || node_ready "$(env_value KUBELET_NODE_NAME)"; }; then
  log "already running (kubelet pid $(pid_of "$KUBELET_PID"), fake-cri pid $(pid_of "$CRI_PID"))"
  cat "$STATE/env"
  exit 0
fi
stop_all
# (only a new join needs the token: a running node is reused without it)
[ -n "$JOIN_CONFIG" ] || [ -n "$TOKEN" ] ||
  die "need KUBELET_NODE_TOKEN (a bootstrap token the cluster accepts) or KUBELET_NODE_JOIN_CONFIG"

# ---- install / build what is missing
apt_install curl ca-certificates openssl util-linux mount
kube_node_built kubelet fake-cri kubeadm
VERSION=$("$KUBELET" --version | awk '{print $2}')
PORT=$(pick_port KUBELET_NODE_PORT "${KUBELET_NODE_PORT:-}")
HPORT=$(pick_port KUBELET_NODE_HEALTHZ_PORT "${KUBELET_NODE_HEALTHZ_PORT:-}" "$PORT")

started=0
cleanup() { [ "$started" = 1 ] || return 0; stop_all; }
trap cleanup EXIT

# ---- fresh instance data (logs stay)
rm -rf "$STATE/cri" "$STATE/host" "$STATE/pki" "$STATE/root" "$STATE/rootfs" "$STATE/cwd" "$STATE/volume-plugins" \
       "$STATE/bootstrap-kubeconfig" "$STATE/kubeconfig" "$STATE/kubelet-config.yaml" "$STATE/ca.crt" "$STATE/env" \
       "$STATE/env.partial" "$STATE/kubeadm.rc" "$STATE/hosts"
mkdir -p "$STATE/cri/imagefs" "$STATE/host/device-plugins" "$STATE/host/pod-logs" "$STATE/host/container-logs" \
         "$STATE/cwd" "$STATE/volume-plugins"
# the machine's mount points of the binds above: the only paths outside the instance this script
# creates (empty directories, once); nothing is ever written into them from here
for d in /var/lib/kubelet/device-plugins /var/log/pods /var/log/containers; do
  [ -d "$d" ] || { log "creating empty mount point $d"; mkdir -p "$d"; }
done
# Safety: kubelet and fake-cri run in an empty directory. The fake runtime reports containers
# with an empty log path, and kubelet's log cleanup then globs "*" in its working directory and
# deletes what it finds; fake-cri reports absolute paths instead (see kube-node-build.sh), and
# this directory makes any such slip harmless.
cd "$STATE/cwd"

# Common kubelet flags, overriding any configuration file (kubeadm's included): the kubelet API
# and healthz on 127.0.0.1 only, no read-only port, no cgroup/QoS hierarchy of its own, no swap
# check, no iptables chains, evictions only when the machine is really full, volume plugins and
# the CRI socket in the instance.
SIM_FLAGS=(--address=127.0.0.1 "--port=$PORT" --healthz-bind-address=127.0.0.1 "--healthz-port=$HPORT"
  --read-only-port=0 --cgroups-per-qos=false --enforce-node-allocatable= --cgroup-driver=cgroupfs
  --fail-swap-on=false --make-iptables-util-chains=false
  '--eviction-hard=memory.available<1Mi,nodefs.available<1%,imagefs.available<1%'
  "--volume-plugin-dir=$STATE/volume-plugins" --container-runtime=remote
  "--container-runtime-endpoint=$CRI_ENDPOINT" "--runtime-request-timeout=1m")
[ -z "${KUBELET_NODE_IP:-}" ] || SIM_FLAGS+=("--node-ip=$KUBELET_NODE_IP")
read -r -a EXTRA <<<"${KUBELET_NODE_EXTRA_ARGS:-}"

log "starting fake-cri on $CRI_ENDPOINT"
start_in_ns "$CRI_PID" "$STATE/fake-cri.log" "$FAKE_CRI" -endpoint "$CRI_ENDPOINT" -image-fs-dir "$STATE/cri/imagefs"
started=1
cri_listening() { [ -S "$CRI_SOCK" ]; }
wait_until fake-cri "$CRI_PID" "$STATE/fake-cri.log" 20 cri_listening

# Safety, in the kubelet's environment: KUBELET_SIM_KERNEL_TUNABLES=warn (the kubelet patch of
# kube-node-build.sh) keeps the kubelet from writing the kernel sysctls it wants into this
# machine's kernel; AWS_EC2_METADATA_DISABLED=true keeps its in-tree ECR credential provider from
# connecting to the cloud metadata address 169.254.169.254 (off loopback) at start.
start_kubelet() {  # NODENAME ARGS...
  local n=$1; shift
  { cat /etc/hosts 2>/dev/null || true; [ -z "$n" ] || printf '127.0.0.1 %s\n' "$n"; } >"$STATE/hosts"
  log "starting kubelet $VERSION ($MODE mode), healthz http://127.0.0.1:$HPORT/healthz"
  KUBELET_SINCE=$(date -u +%Y-%m-%dT%H:%M:%SZ)
  start_in_ns "$KUBELET_PID" "$STATE/kubelet.log" env KUBELET_SIM_KERNEL_TUNABLES="$TUNABLES" \
    AWS_EC2_METADATA_DISABLED=true "$KUBELET" "$@"
}
fail_if_dead() {  # NAME PIDFILE LOG
  alive "$(pid_of "$2" || echo 0)" || { tail -25 "$3" >&2; die "$1 exited; log: $3"; }
}
deadline=$(( $(date +%s) + TIMEOUT ))
in_time() { [ "$(date +%s)" -lt "$deadline" ] || die "$1 not done after ${TIMEOUT}s (logs in $STATE)"; }

if [ "$MODE" = kubelet ]; then
  # ---------------------------------------------------------------- kubelet's own TLS bootstrap
  KUBECONFIG_OUT=$STATE/kubeconfig CERT_DIR=$STATE/pki
  umask 077
  cat >"$STATE/bootstrap-kubeconfig" <<EOF
apiVersion: v1
kind: Config
clusters:
- name: cluster
  cluster:
    server: $URL
    certificate-authority-data: $(base64 -w0 <"$CA")
users:
- name: tls-bootstrap-token-user
  user:
    token: $TOKEN
contexts:
- name: tls-bootstrap-token-user@cluster
  context:
    cluster: cluster
    user: tls-bootstrap-token-user
current-context: tls-bootstrap-token-user@cluster
EOF
  cp "$CA" "$STATE/ca.crt"
  umask 022
  cat >"$STATE/kubelet-config.yaml" <<EOF
apiVersion: kubelet.config.k8s.io/v1beta1
kind: KubeletConfiguration
authentication:
  anonymous:
    enabled: false
  webhook:
    enabled: true
  x509:
    clientCAFile: $STATE/ca.crt
authorization:
  mode: Webhook
rotateCertificates: true
clusterDomain: cluster.local
clusterDNS:
- 10.0.0.10
resolvConf: ""
EOF
  args=("--config=$STATE/kubelet-config.yaml" "--bootstrap-kubeconfig=$STATE/bootstrap-kubeconfig"
        "--kubeconfig=$KUBECONFIG_OUT" "--cert-dir=$CERT_DIR" "--root-dir=$ROOT_DIR" "--hostname-override=$NAME"
        "${SIM_FLAGS[@]}" --v=2)
  [ -z "${KUBELET_NODE_PROVIDER_ID:-}" ] || args+=("--provider-id=$KUBELET_NODE_PROVIDER_ID")
  [ -z "${KUBELET_NODE_LABELS:-}" ] || args+=("--node-labels=$KUBELET_NODE_LABELS")
  [ -z "${KUBELET_NODE_TAINTS:-}" ] || args+=("--register-with-taints=$KUBELET_NODE_TAINTS")
  start_kubelet "$NAME" "${args[@]}" "${EXTRA[@]}"
  NODE_CA=$STATE/ca.crt NODE_URL=$URL
else
  # ---------------------------------------------------------------- kubeadm join, chrooted
  KUBECONFIG_OUT=$ROOTFS/etc/kubernetes/kubelet.conf CERT_DIR=$ROOT_DIR/pki
  mkdir -p "$ROOTFS/usr/bin" "$ROOTFS/etc/kubernetes/manifests" "$ROOTFS/var/lib" "$ROOTFS/run/kubeadm" "$ROOTFS/tmp"
  chmod 1777 "$ROOTFS/tmp"
  # kubeadm's kubelet health check asks for "localhost"; its preflight looks the node name up
  echo "127.0.0.1 localhost${NAME:+ $NAME}" >"$ROOTFS/etc/hosts"
  ln "$KUBELET" "$ROOTFS/usr/bin/kubelet" 2>/dev/null || cp "$KUBELET" "$ROOTFS/usr/bin/kubelet"  # "kubelet --version"
  # the kubelet writes absolute host paths (…/rootfs/var/lib/kubelet/pki/…) into kubelet.conf;
  # this link makes them resolve inside the chroot as well
  mkdir -p "$ROOTFS$(dirname "$ROOTFS")"
  ln -sfn / "$ROOTFS$ROOTFS"
  if [ -n "$JOIN_CONFIG" ]; then
    cp "$JOIN_CONFIG" "$ROOTFS/run/kubeadm/kubeadm-join-config.yaml"
  else
    HASH=sha256:$(openssl x509 -pubkey -noout -in "$CA" | openssl pkey -pubin -outform der 2>/dev/null | sha256sum | cut -d' ' -f1)
    {
      echo "apiVersion: kubeadm.k8s.io/v1beta2"
      echo "kind: JoinConfiguration"
      echo "discovery:"
      echo "  bootstrapToken:"
      echo "    apiServerEndpoint: ${URL#https://}"
      echo "    token: $TOKEN"
      echo "    caCertHashes:"
      echo "    - $HASH"
      echo "nodeRegistration:"
      echo "  name: $NAME"
      echo "  criSocket: $CRI_ENDPOINT"
      echo "  kubeletExtraArgs:"
      [ -z "${KUBELET_NODE_PROVIDER_ID:-}" ] || echo "    provider-id: \"$KUBELET_NODE_PROVIDER_ID\""
      [ -z "${KUBELET_NODE_LABELS:-}" ] || echo "    node-labels: \"$KUBELET_NODE_LABELS\""
      [ -z "${KUBELET_NODE_TAINTS:-}" ] || echo "    register-with-taints: \"$KUBELET_NODE_TAINTS\""
      echo "    v: \"2\""
    } >"$ROOTFS/run/kubeadm/kubeadm-join-config.yaml"
  fi
  chmod 600 "$ROOTFS/run/kubeadm/kubeadm-join-config.yaml"   # it holds the token
  kargs=(join "$KUBEADM_MARK" --config=/run/kubeadm/kubeadm-join-config.yaml "--cri-socket=$CRI_ENDPOINT"
         --ignore-preflight-errors=all --v=1)
  [ -z "$NAME" ] || kargs+=("--node-name=$NAME")
  log "running kubeadm ${kargs[*]}"
  # kubeadm runs detached (its own session, no descriptor of ours but stdio); a wrapper records
  # kubeadm's own PID (for the checks of stop_pidfile) and its exit status in kubeadm.rc
  rm -f "$KUBEADM_PID"
  # shellcheck disable=SC2016
  setsid bash -c 'for f in /proc/$$/fd/*; do f=${f##*/}; [ "$f" -le 2 ] || eval "exec $f>&-" 2>/dev/null || true; done
    "$@" & echo $! >"$0.tmp" && mv -f "$0.tmp" "$0"; wait $!; rc=$?; rm -f "$0"; echo $rc >"${0%.pid}.rc"' \
    "$KUBEADM_PID" "$KUBEADM" "${kargs[@]}" </dev/null >>"$STATE/kubeadm.log" 2>&1 &
  # systemd's part: start the kubelet once kubeadm has written its configuration
  FLAGS_ENV=$ROOT_DIR/kubeadm-flags.env
  until [ -s "$FLAGS_ENV" ] && [ -s "$ROOT_DIR/config.yaml" ] && [ -s "$ROOTFS/etc/kubernetes/bootstrap-kubelet.conf" ]; do
    if [ -s "$STATE/kubeadm.rc" ]; then tail -25 "$STATE/kubeadm.log" >&2; die "kubeadm join exited ($(cat "$STATE/kubeadm.rc")) before configuring the kubelet; log: $STATE/kubeadm.log"; fi
    in_time "kubeadm join (kubelet configuration)"
    sleep 0.2
  done
  read -r -a KUBEADM_ARGS <<<"$(sed -n 's/^KUBELET_KUBEADM_ARGS="\(.*\)"$/\1/p' "$FLAGS_ENV")"
  # the drop-in kubeadm's packages install (10-kubeadm.conf), with paths moved into the chroot
  args=("--bootstrap-kubeconfig=$ROOTFS/etc/kubernetes/bootstrap-kubelet.conf" "--kubeconfig=$KUBECONFIG_OUT"
        "--config=$ROOT_DIR/config.yaml" "${KUBEADM_ARGS[@]}" "--root-dir=$ROOT_DIR" "--cert-dir=$CERT_DIR"
        "--client-ca-file=$ROOTFS/etc/kubernetes/pki/ca.crt" "--pod-manifest-path=$ROOTFS/etc/kubernetes/manifests"
        "${SIM_FLAGS[@]}")
  hn=$NAME; for a in "${KUBEADM_ARGS[@]}"; do case "$a" in --hostname-override=*) hn=${a#*=} ;; esac; done
  start_kubelet "$hn" "${args[@]}" "${EXTRA[@]}"
  NODE_CA=$ROOTFS/etc/kubernetes/pki/ca.crt NODE_URL=$(kubeconfig_server "$ROOTFS/etc/kubernetes/bootstrap-kubelet.conf")
fi

# ---- TLS bootstrap: the kubelet's kubeconfig and client certificate appear
CERT=$CERT_DIR/kubelet-client-current.pem
until [ -s "$KUBECONFIG_OUT" ] && [ -s "$CERT" ]; do
  fail_if_dead kubelet "$KUBELET_PID" "$STATE/kubelet.log"
  if [ "$WAIT" = started ]; then break; fi
  in_time "TLS bootstrap (CSR approved and signed?)"
  sleep 0.2
done
if [ -z "$NAME" ] && [ -s "$CERT" ]; then   # the name kubeadm gave the node: the certificate's CN
  NAME=$(openssl x509 -noout -subject -nameopt RFC2253 -in "$CERT" | sed -n 's/.*CN=system:node:\([^,]*\).*/\1/p')
fi
{
  printf 'KUBELET_NODE_API_URL=%q\n' "$NODE_URL"
  printf 'KUBELET_NODE_CA=%q\n' "$NODE_CA"
  printf 'KUBELET_NODE_CLIENT_CERT=%q\n' "$CERT"
} >"$STATE/env.partial"
if [ "$MODE" = kubeadm ] && [ "$WAIT" != started ]; then
  until [ -s "$STATE/kubeadm.rc" ]; do in_time "kubeadm join"; sleep 0.2; done
  [ "$(cat "$STATE/kubeadm.rc")" = 0 ] || { tail -25 "$STATE/kubeadm.log" >&2; die "kubeadm join failed ($(cat "$STATE/kubeadm.rc")); log: $STATE/kubeadm.log"; }
  log "kubeadm join finished: $(grep -m1 'This node has joined the cluster' "$STATE/kubeadm.log" || echo 'done')"
fi
NODE_JSON=
if [ "$WAIT" != started ]; then
  until node_get "$NAME" && { [ "$WAIT" = registered ] || node_ready "$NAME" "$KUBELET_SINCE"; }; do
    fail_if_dead kubelet "$KUBELET_PID" "$STATE/kubelet.log"
    in_time "node $NAME ${WAIT}"
    sleep 0.5
  done
fi
PROVIDER_ID=$(sed -n 's/.*"providerID":"\([^"]*\)".*/\1/p' <<<"$NODE_JSON")
[ -n "$NODE_JSON" ] || PROVIDER_ID=${KUBELET_NODE_PROVIDER_ID:-}
{
  printf 'KUBELET_NODE_NAME=%q\n' "$NAME"
  printf 'KUBELET_NODE_MODE=%q\n' "$MODE"
  printf 'KUBELET_NODE_PROVIDER_ID=%q\n' "$PROVIDER_ID"
  printf 'KUBELET_NODE_VERSION=%q\n' "$VERSION"
  cat "$STATE/env.partial"
  printf 'KUBELET_NODE_KUBECONFIG=%q\n' "$KUBECONFIG_OUT"
  printf 'KUBELET_NODE_PORT=%q\n' "$PORT"
  printf 'KUBELET_NODE_HEALTHZ_PORT=%q\n' "$HPORT"
  printf 'KUBELET_NODE_CRI_ENDPOINT=%q\n' "$CRI_ENDPOINT"
  printf 'KUBELET_NODE_PID=%q\n' "$(pid_of "$KUBELET_PID")"
  printf 'KUBELET_NODE_LOG=%q\n' "$STATE/kubelet.log"
  printf 'KUBELET_NODE_CRI_PID=%q\n' "$(pid_of "$CRI_PID")"
  printf 'KUBELET_NODE_CRI_LOG=%q\n' "$STATE/fake-cri.log"
  if [ "$MODE" = kubeadm ]; then
    printf 'KUBELET_NODE_ROOTFS=%q\n' "$ROOTFS"
    printf 'KUBELET_NODE_KUBEADM_LOG=%q\n' "$STATE/kubeadm.log"
  fi
} >"$STATE/env"
started=0   # success: keep running
log "ready: node $NAME ($MODE mode, wait=$WAIT) kubelet pid $(pid_of "$KUBELET_PID"), fake-cri pid $(pid_of "$CRI_PID")"
cat "$STATE/env"
