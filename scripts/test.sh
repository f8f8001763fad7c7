#!/usr/bin/env bash
# test.sh - the whole test suite, on a fresh machine: installs what the tests need (Debian's
# etcd, the kube-apiserver, kubelet & co. built from Debian's source), builds, runs `swift test`
# against real servers on loopback (the end-to-end tests after the others), and stops every
# server it started.
# Env: MOTHERSHIP_CACHE (builds and server instances; with CI=true a fresh temporary directory,
#      so CI proves a new machine works), any `swift test` arguments are passed through.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
if [ "${CI:-}" = true ] && [ -z "${MOTHERSHIP_CACHE:-}" ]; then
  MOTHERSHIP_CACHE=$(mktemp -d /tmp/mothership-ci.XXXXXX)
fi
export MOTHERSHIP_CACHE
# shellcheck source=lib/common.sh
. "$ROOT/scripts/lib/common.sh"

command -v swift >/dev/null || die "a Swift 6.1+ toolchain is needed on PATH (swift.org)"
apt_install etcd-server etcd-client openssl curl ca-certificates python3
# The real validators of generated user data.
apt_install cloud-init ignition
# kubectl checks the generated components against the API server (any recent one will do).
command -v kubectl >/dev/null || apt_install kubernetes-client
# A real OpenSSH server (run on loopback by the tests, never as the system's service) and client.
apt_install openssh-server openssh-client

stop_servers() {
  local env
  for env in "$MOTHERSHIP_CACHE"/envtest/*/env; do
    [ -f "$env" ] || continue
    KUBE_APISERVER_STATE_DIR=$(dirname "$env") "$ROOT/scripts/kube-apiserver-down.sh" || true
  done
  local dev
  for dev in "$MOTHERSHIP_CACHE"/e2e/*/; do   # what an end-to-end test that failed left running
    [ -d "$dev" ] || continue
    MOTHERSHIP_DEV_DIR=${dev%/} "$ROOT/scripts/dev-down.sh" || true
  done
}
trap stop_servers EXIT

# The builds from Debian's Kubernetes source (minutes, once per cache: the API server, and the
# kubelet, kubeadm, controller-manager and scheduler the end-to-end tests run) and the Swift
# build run side by side.
started=$(date +%s)
"$ROOT/scripts/kube-apiserver-build.sh" >"$MOTHERSHIP_CACHE/kube-apiserver-build.out" 2>"$MOTHERSHIP_CACHE/kube-apiserver-build.log" &
build_pid=$!
"$ROOT/scripts/kube-node-build.sh" >"$MOTHERSHIP_CACHE/kube-node-build.out" 2>"$MOTHERSHIP_CACHE/kube-node-build.log" &
node_build_pid=$!
(cd "$ROOT" && swift build --build-tests) || { kill "$build_pid" "$node_build_pid" 2>/dev/null || true; die "swift build failed"; }
wait "$build_pid" || { tail -30 "$MOTHERSHIP_CACHE/kube-apiserver-build.log" >&2; die "kube-apiserver build failed"; }
wait "$node_build_pid" || { tail -30 "$MOTHERSHIP_CACHE/kube-node-build.log" >&2; die "kubelet & co. build failed"; }
log "builds done in $(( $(date +%s) - started ))s"

cd "$ROOT"
if [ $# -gt 0 ]; then
  swift test --skip-build "$@"
else
  # The end-to-end tests start a whole management cluster, a hosted control plane and worker
  # hosts: they run after the rest, so neither slows the other's servers down.
  rc=0
  swift test --skip-build --skip EndToEndTests || rc=$?
  swift test --skip-build --filter EndToEndTests || rc=$?
  exit "$rc"
fi
