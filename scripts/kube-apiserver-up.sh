#!/usr/bin/env bash
# kube-apiserver-up.sh - start a real control plane on loopback: Debian's etcd (etcd-server) and a
# kube-apiserver v1.20 built by kube-apiserver-build.sh from Debian's kubernetes source package,
# with a fresh PKI (CA, serving cert, admin client cert, token) and a kubeconfig.
# Idempotent: if the instance it started (PID files) is still running and ready, reuses it.
# Prints KEY=VALUE lines on stdout (also saved in $KUBE_APISERVER_STATE_DIR/env); logs on stderr.
# Env: MOTHERSHIP_CACHE, KUBE_APISERVER_STATE_DIR, KUBE_APISERVER_HOST (127.0.0.1),
#      KUBE_APISERVER_PORT, KUBE_APISERVER_ETCD_PORT, KUBE_APISERVER_ETCD_PEER_PORT (free ports),
#      KUBE_APISERVER_BIN, KUBE_APISERVER_EXTRA_ARGS, KUBE_APISERVER_START_TIMEOUT (90 s).
set -euo pipefail

# shellcheck source=lib/common.sh
. "$(dirname "${BASH_SOURCE[0]}")/lib/common.sh"
HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
STATE=${KUBE_APISERVER_STATE_DIR:-$MOTHERSHIP_CACHE/kube-apiserver/instance}
HOST=${KUBE_APISERVER_HOST:-127.0.0.1}
TIMEOUT=${KUBE_APISERVER_START_TIMEOUT:-90}
# shellcheck source=lib/kube-apiserver.sh
. "$HERE/lib/kube-apiserver.sh"

require_loopback KUBE_APISERVER_HOST "$HOST"
mkdir -p "$STATE"; chmod 700 "$STATE"
exec 9>"$STATE/.lock"
flock 9 || die "cannot lock $STATE/.lock"

same_request() {  # KEY VALUE: VALUE is empty or equals KEY in the running instance's env file
  [ -z "$2" ] || [ "$(printf %q "$2")" = "$(sed -n "s/^$1=//p" "$STATE/env" 2>/dev/null)" ]
}
# ---- reuse a running instance of ours
if pid_ours "$API_PID" "$BIN" "$API_MARK" && pid_ours "$ETCD_PID" "$ETCD_BIN" "$STATE/etcd" && [ -s "$STATE/env" ] &&
   same_request KUBE_APISERVER_HOST "$HOST" && same_request KUBE_APISERVER_PORT "${KUBE_APISERVER_PORT:-}" &&
   [ "$(printf %q "${KUBE_APISERVER_EXTRA_ARGS:-}")" = "$(sed -n 's/^KUBE_APISERVER_EXTRA_ARGS=//p' "$STATE/env" 2>/dev/null)" ] &&
   kube_apiserver_ready "$HOST" "$(sed -n 's/^KUBE_APISERVER_PORT=//p' "$STATE/env")"; then
  log "already running (kube-apiserver pid $(pid_of "$API_PID"), etcd pid $(pid_of "$ETCD_PID"))"
  cat "$STATE/env"
  exit 0
fi
stop_pidfile kube-apiserver "$API_PID" "$BIN" "$API_MARK"
stop_pidfile etcd "$ETCD_PID" "$ETCD_BIN" "$STATE/etcd"

# ---- install / build what is missing
apt_install etcd-server etcd-client openssl curl ca-certificates
if [ ! -x "$BIN" ]; then
  [ -z "${KUBE_APISERVER_BIN:-}" ] || die "KUBE_APISERVER_BIN=$BIN is not executable"
  "$HERE/kube-apiserver-build.sh" >&2
fi
VERSION=$("$BIN" --version | awk '{print $2}')
MINOR=$(echo "$VERSION" | sed -E 's/^v1\.([0-9]+).*/\1/')

ETCD_PORT=$(pick_port KUBE_APISERVER_ETCD_PORT "${KUBE_APISERVER_ETCD_PORT:-}")
ETCD_PEER_PORT=$(pick_port KUBE_APISERVER_ETCD_PEER_PORT "${KUBE_APISERVER_ETCD_PEER_PORT:-}" "$ETCD_PORT")
PORT=$(pick_port KUBE_APISERVER_PORT "${KUBE_APISERVER_PORT:-}" "$ETCD_PORT" "$ETCD_PEER_PORT")

# On any failure from here on, stop what this run started.
started=0
cleanup() {
  [ "$started" = 1 ] || return 0
  stop_pidfile kube-apiserver "$API_PID" "$BIN" "$API_MARK"
  stop_pidfile etcd "$ETCD_PID" "$ETCD_BIN" "$STATE/etcd"
}
trap cleanup EXIT

# ---- fresh data and PKI
rm -rf "$STATE/etcd" "$P" "$STATE/apiserver-certs" "$STATE/env" "$STATE/kubeconfig"
mkdir -p "$P" "$STATE/etcd"; chmod 700 "$STATE/etcd"
(
  cd "$P"
  q() { "$@" 2>/dev/null; }
  q openssl ecparam -name prime256v1 -genkey -noout -out ca.key
  q openssl req -x509 -new -key ca.key -subj "/CN=mothership-envtest-kube-ca" -days 3650 -out ca.crt
  q openssl ecparam -name prime256v1 -genkey -noout -out apiserver.key
  q openssl req -new -key apiserver.key -subj "/CN=kube-apiserver" -out apiserver.csr
  printf '%s\n' "subjectAltName=IP:$HOST,IP:127.0.0.1,DNS:localhost,DNS:kubernetes,DNS:kubernetes.default,DNS:kubernetes.default.svc,DNS:kubernetes.default.svc.cluster.local,IP:10.0.0.1" \
    'extendedKeyUsage=serverAuth' 'keyUsage=critical,digitalSignature,keyEncipherment' >apiserver.ext
  q openssl x509 -req -in apiserver.csr -CA ca.crt -CAkey ca.key -CAcreateserial -days 3650 -extfile apiserver.ext -out apiserver.crt
  q openssl ecparam -name prime256v1 -genkey -noout -out admin.key
  q openssl req -new -key admin.key -subj "/O=system:masters/CN=mothership-admin" -out admin.csr
  printf '%s\n' 'extendedKeyUsage=clientAuth' 'keyUsage=critical,digitalSignature,keyEncipherment' >admin.ext
  q openssl x509 -req -in admin.csr -CA ca.crt -CAkey ca.key -CAcreateserial -days 3650 -extfile admin.ext -out admin.crt
  q openssl genrsa -out sa.key 2048
  q openssl rsa -in sa.key -pubout -out sa.pub
  token=$(openssl rand -hex 24)
  echo "$token,mothership-admin-token,mothership-admin-token,\"system:masters\"" >tokens.csv
  echo "$token" >admin.token
  chmod 600 ./*.key tokens.csv admin.token
  rm -f ./*.csr ./*.ext
)

# ---- etcd (loopback only)
log "starting etcd on 127.0.0.1:$ETCD_PORT"
start_detached "$ETCD_PID" "$STATE/etcd.log" "$ETCD_BIN" --name mothership-envtest --data-dir "$STATE/etcd" \
  --listen-client-urls "http://127.0.0.1:$ETCD_PORT" --advertise-client-urls "http://127.0.0.1:$ETCD_PORT" \
  --listen-peer-urls "http://127.0.0.1:$ETCD_PEER_PORT" --initial-advertise-peer-urls "http://127.0.0.1:$ETCD_PEER_PORT" \
  --initial-cluster "mothership-envtest=http://127.0.0.1:$ETCD_PEER_PORT" --initial-cluster-state new \
  --logger zap --log-outputs stderr --log-level warn
started=1
for i in $(seq 1 $((TIMEOUT * 5))); do
  curl -s --max-time 2 "http://127.0.0.1:$ETCD_PORT/health" 2>/dev/null | grep -q '"health":"true"' && break
  alive "$(pid_of "$ETCD_PID")" || { tail -20 "$STATE/etcd.log" >&2; die "etcd exited; log: $STATE/etcd.log"; }
  [ "$i" -lt $((TIMEOUT * 5)) ] || die "etcd not healthy after ${TIMEOUT}s; log: $STATE/etcd.log"
  sleep 0.2
done

# ---- kube-apiserver (loopback only; no insecure port)
{
  echo "--etcd-servers=http://127.0.0.1:$ETCD_PORT"
  echo "--bind-address=$HOST"
  echo "--advertise-address=$HOST"
  echo "--secure-port=$PORT"
  [ "$MINOR" -ge 24 ] || echo "--insecure-port=0"
  echo "$API_MARK"
  echo "--tls-cert-file=$P/apiserver.crt"
  echo "--tls-private-key-file=$P/apiserver.key"
  echo "--client-ca-file=$P/ca.crt"
  echo "--token-auth-file=$P/tokens.csv"
  echo "--service-account-key-file=$P/sa.pub"
  echo "--service-account-signing-key-file=$P/sa.key"
  echo "--service-account-issuer=https://kubernetes.default.svc.cluster.local"
  echo "--service-cluster-ip-range=10.0.0.0/24"
  echo "--authorization-mode=RBAC"
  echo "--allow-privileged=true"
  echo "--disable-admission-plugins=ServiceAccount"
  echo "--endpoint-reconciler-type=none"
  echo "--profiling=false"
  echo "--v=1"
} >"$STATE/kube-apiserver.conf"
read -r -a extra <<<"${KUBE_APISERVER_EXTRA_ARGS:-}"
[ ${#extra[@]} -eq 0 ] || printf '%s\n' "${extra[@]}" >>"$STATE/kube-apiserver.conf"
mapfile -t args <"$STATE/kube-apiserver.conf"
log "starting kube-apiserver $VERSION on https://$HOST:$PORT"
start_detached "$API_PID" "$STATE/kube-apiserver.log" "$BIN" "${args[@]}"
wait_kube_apiserver_ready "$HOST" "$PORT" "$TIMEOUT"

# ---- kubeconfig (default context: client certificate; context "<name>-token": bearer token)
b64() { base64 -w0 <"$1"; }
umask 077
cat >"$STATE/kubeconfig" <<EOF
apiVersion: v1
kind: Config
clusters:
- name: mothership-envtest
  cluster:
    server: https://$HOST:$PORT
    certificate-authority-data: $(b64 "$P/ca.crt")
users:
- name: mothership-admin
  user:
    client-certificate-data: $(b64 "$P/admin.crt")
    client-key-data: $(b64 "$P/admin.key")
- name: mothership-admin-token
  user:
    token: $(cat "$P/admin.token")
contexts:
- name: mothership-envtest
  context:
    cluster: mothership-envtest
    user: mothership-admin
- name: mothership-envtest-token
  context:
    cluster: mothership-envtest
    user: mothership-admin-token
current-context: mothership-envtest
EOF
{
  printf 'KUBECONFIG=%q\n' "$STATE/kubeconfig"
  printf 'KUBE_APISERVER_URL=%q\n' "https://$HOST:$PORT"
  printf 'KUBE_APISERVER_HOST=%q\n' "$HOST"
  printf 'KUBE_APISERVER_PORT=%q\n' "$PORT"
  printf 'KUBE_APISERVER_VERSION=%q\n' "$VERSION"
  printf 'KUBE_APISERVER_CA=%q\n' "$P/ca.crt"
  printf 'KUBE_APISERVER_CA_KEY=%q\n' "$P/ca.key"
  printf 'KUBE_APISERVER_CLIENT_CERT=%q\n' "$P/admin.crt"
  printf 'KUBE_APISERVER_CLIENT_KEY=%q\n' "$P/admin.key"
  printf 'KUBE_APISERVER_TOKEN_FILE=%q\n' "$P/admin.token"
  printf 'KUBE_APISERVER_PID=%q\n' "$(pid_of "$API_PID")"
  printf 'KUBE_APISERVER_LOG=%q\n' "$STATE/kube-apiserver.log"
  printf 'KUBE_APISERVER_ETCD_URL=%q\n' "http://127.0.0.1:$ETCD_PORT"
  printf 'KUBE_APISERVER_ETCD_PID=%q\n' "$(pid_of "$ETCD_PID")"
  printf 'KUBE_APISERVER_EXTRA_ARGS=%q\n' "${KUBE_APISERVER_EXTRA_ARGS:-}"
} >"$STATE/env"
started=0   # success: keep running
log "ready: kube-apiserver $VERSION https://$HOST:$PORT (pid $(pid_of "$API_PID")), etcd 127.0.0.1:$ETCD_PORT (pid $(pid_of "$ETCD_PID"))"
cat "$STATE/env"
