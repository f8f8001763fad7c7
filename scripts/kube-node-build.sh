#!/usr/bin/env bash
# kube-node-build.sh - build the rest of a v1.20 cluster from Debian's own "kubernetes" source
# package with Debian's Go, as kube-apiserver-build.sh builds the API server: kubelet,
# kube-controller-manager, kube-scheduler, kubeadm, and "fake-cri" (a small launcher that serves
# kubelet's in-tree fake CRI runtime, pkg/kubelet/cri/remote/fake, on a unix socket, so a real
# kubelet runs with no container runtime). Cached under $MOTHERSHIP_CACHE/kube-node/bin.
#
# Same source as the API server: by default the Debian version kube-apiserver-build.sh built
# from, taken from its download directory when it is there (no network); otherwise fetched through
# a private apt configuration (the system's apt sources are not changed). Rebuilds only when a
# binary is missing or this recipe (launcher, patches, tool list) changed.
# Prints KEY=VALUE lines on stdout (KUBE_NODE_BIN_DIR, KUBE_NODE_VERSION); logs on stderr.
# Env: MOTHERSHIP_CACHE, KUBE_NODE_REBUILD=1, KUBE_NODE_DEB_VERSION, KUBE_NODE_DEB_SRC_LINE,
#      KUBE_NODE_KEEP_BUILD=1 (keep source tree and Go cache), KUBE_NODE_BUILD_NICE (10),
#      KUBE_NODE_GO (KUBE_APISERVER_GO, else /usr/bin/go).
set -euo pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
# shellcheck source=lib/common.sh
. "$HERE/lib/common.sh"
# shellcheck source=lib/kube-source.sh
. "$HERE/lib/kube-source.sh"
ROOT=$MOTHERSHIP_CACHE/kube-node
BIN=$ROOT/bin
B=$ROOT/build
APISERVER_BIN=$MOTHERSHIP_CACHE/kube-apiserver/bin/kube-apiserver   # built by kube-apiserver-build.sh
GO=${KUBE_NODE_GO:-${KUBE_APISERVER_GO:-/usr/bin/go}}
NICE=${KUBE_NODE_BUILD_NICE:-10}
TOOLS=(kubelet kube-controller-manager kube-scheduler kubeadm fake-cri)

# The fake CRI launcher (package main, built inside the kubernetes source tree as cmd/fake-cri).
launcher_source() {
  cat <<'GO'
// fake-cri: serves kubelet's in-tree fake CRI runtime (pkg/kubelet/cri/remote/fake) on a unix
// socket, so a real kubelet runs without any container runtime: sandboxes, containers and images
// exist only in this process's memory (pods "run" at once; nothing is executed or pulled).
package main

import (
	"context"
	"flag"
	"log"
	"os"
	"os/signal"
	"path/filepath"
	"syscall"
	"time"

	"google.golang.org/grpc"
	runtimeapi "k8s.io/cri-api/pkg/apis/runtime/v1alpha2"
	"k8s.io/kubernetes/pkg/kubelet/cri/remote/fake"
	"k8s.io/kubernetes/pkg/kubelet/cri/remote/util"
)

type runtime struct{ *fake.RemoteRuntime }

// CreateContainer records an absolute log path. The fake leaves it empty, and kubelet's log
// cleanup then globs "<empty>*", i.e. deletes the files in its own working directory.
func (r runtime) CreateContainer(ctx context.Context, req *runtimeapi.CreateContainerRequest) (*runtimeapi.CreateContainerResponse, error) {
	resp, err := r.RemoteRuntime.CreateContainer(ctx, req)
	if err != nil {
		return nil, err
	}
	p := filepath.Join(req.GetSandboxConfig().GetLogDirectory(), req.GetConfig().GetLogPath())
	if !filepath.IsAbs(p) || req.GetConfig().GetLogPath() == "" {
		p = "/nonexistent/fake-cri/" + resp.ContainerId + ".log"
	} else if f, err := os.OpenFile(p, os.O_CREATE|os.O_WRONLY, 0o640); err == nil {
		f.Close() // an empty log, so kubelet's log rotation finds a file
	}
	r.RuntimeService.Lock()
	if c, ok := r.RuntimeService.Containers[resp.ContainerId]; ok {
		c.LogPath = p
	}
	r.RuntimeService.Unlock()
	return resp, nil
}

func main() {
	endpoint := flag.String("endpoint", "", "unix:///path/to/socket")
	imageFsDir := flag.String("image-fs-dir", "", "existing directory reported as the image filesystem")
	flag.Parse()
	if *endpoint == "" || *imageFsDir == "" {
		log.Fatal("usage: fake-cri -endpoint unix:///path/fake.sock -image-fs-dir DIR")
	}
	rt := runtime{fake.NewFakeRemoteRuntime()}
	rt.ImageService.SetFakeImageSize(1 << 20) // kubelet rejects images of size 0
	rt.ImageService.SetFakeFilesystemUsage([]*runtimeapi.FilesystemUsage{{
		Timestamp:  time.Now().UnixNano(),
		FsId:       &runtimeapi.FilesystemIdentifier{Mountpoint: *imageFsDir},
		UsedBytes:  &runtimeapi.UInt64Value{Value: 0},
		InodesUsed: &runtimeapi.UInt64Value{Value: 0},
	}})
	rt.RuntimeService.FakeStatus = &runtimeapi.RuntimeStatus{Conditions: []*runtimeapi.RuntimeCondition{
		{Type: runtimeapi.RuntimeReady, Status: true}, {Type: runtimeapi.NetworkReady, Status: true}}}
	server := grpc.NewServer()
	runtimeapi.RegisterRuntimeServiceServer(server, rt)
	runtimeapi.RegisterImageServiceServer(server, rt)
	l, err := util.CreateListener(*endpoint)
	if err != nil {
		log.Fatalf("listen on %s: %v", *endpoint, err)
	}
	go func() {
		if err := server.Serve(l); err != nil {
			log.Fatalf("serve: %v", err)
		}
	}()
	log.Printf("fake CRI runtime serving on %s", *endpoint)
	go func() { // the fakes append every call to Called; keep that from growing forever
		for range time.Tick(time.Minute) {
			rt.RuntimeService.Lock()
			rt.RuntimeService.Called = rt.RuntimeService.Called[:0]
			rt.RuntimeService.Unlock()
			rt.ImageService.Lock()
			rt.ImageService.Called = rt.ImageService.Called[:0]
			rt.ImageService.Unlock()
		}
	}()
	sig := make(chan os.Signal, 1)
	signal.Notify(sig, syscall.SIGTERM, syscall.SIGINT)
	<-sig
	server.Stop()
}
GO
}

# kubelet patch: with KUBELET_SIM_KERNEL_TUNABLES=warn the kubelet only logs the kernel sysctls it
# wants (vm.overcommit_memory=1, kernel.panic=10, kernel.panic_on_oops=1) instead of writing them
# to the host it runs on (upstream: write them, or fail with protectKernelDefaults). Many kubelets
# share one test machine here, and that machine's kernel settings are not theirs to change.
PATCH_MARK='mothership: leave host sysctls alone'
patch_kernel_tunables() {  # FILE
  awk -v M="$PATCH_MARK" '
    { print }
    /^\tb := KernelTunableModify$/ && !done {
      print "\tif os.Getenv(\"KUBELET_SIM_KERNEL_TUNABLES\") == \"warn\" { // " M
      print "\t\tb = KernelTunableWarn"
      print "\t}"
      done = 1
    }' "$1" >"$1.new" && mv "$1.new" "$1"
  grep -qF "$PATCH_MARK" "$1" || die "could not patch $1 (kernel tunables)"
}

RECIPE=$( { launcher_source; declare -f patch_kernel_tunables kube_source_unpack; echo "$PATCH_MARK ${TOOLS[*]}"; } |
  sha256sum | cut -c1-16)

mkdir -p "$BIN" "$B"
exec 9>"$ROOT/.build.lock"
flock 9 || die "cannot lock $ROOT/.build.lock"

print_result() {
  printf 'KUBE_NODE_BIN_DIR=%q\n' "$BIN"
  printf 'KUBE_NODE_VERSION=%q\n' "$("$BIN/kubelet" --version | awk '{print $2}')"
}
cached() {
  local t
  [ "${KUBE_NODE_REBUILD:-0}" != 1 ] && [ "$(cat "$BIN/.recipe" 2>/dev/null)" = "$RECIPE" ] || return 1
  for t in "${TOOLS[@]}"; do [ -x "$BIN/$t" ] || return 1; done
  "$BIN/kubelet" --version >/dev/null 2>&1
}
if cached; then
  log "using cached binaries in $BIN ($(cat "$BIN/.debian-version" 2>/dev/null || echo unknown source))"
  print_result
  exit 0
fi

t0=$(date +%s)
apt_install golang-go dpkg-dev golang-github-modern-go-reflect2-dev
[ -x "$GO" ] || die "Go not found at $GO"

# ---- 1. the source package: the API server's version and download when there
WANT=${KUBE_NODE_DEB_VERSION:-}
if [ -z "$WANT" ] && [ -x "$APISERVER_BIN" ]; then WANT=$(cat "$APISERVER_BIN.debian-version" 2>/dev/null || true); fi
kube_source_fetch "$B" "$WANT" "${KUBE_NODE_DEB_SRC_LINE:-}" "$MOTHERSHIP_CACHE/kube-apiserver/build/download"
VER=$KUBE_SRC_VER

# ---- 2. unpack and patch (fresh tree per recipe), then build
SRC=$B/src-$VER
kube_go_env "$B"
if [ "$(cat "$SRC/.mothership-prepared" 2>/dev/null)" != "$RECIPE" ]; then
  chmod -R u+w "$SRC" 2>/dev/null || true
  rm -rf "$SRC"
  T=$SRC.tmp; chmod -R u+w "$T" 2>/dev/null || true; rm -rf "$T"
  kube_source_unpack "$KUBE_SRC_DSC" "$T"
  patch_kernel_tunables "$T/pkg/kubelet/cm/container_manager_linux.go"
  # (none of these imports pkg/generated/openapi, so unlike kube-apiserver no OpenAPI generation)
  mkdir -p "$T/cmd/fake-cri"
  launcher_source >"$T/cmd/fake-cri/main.go"
  echo "$RECIPE" >"$T/.mothership-prepared"
  mv "$T" "$SRC"
fi

LD=$(kube_ldflags "$KUBE_SRC_UPSTREAM" "$VER")
rm -f "$BIN/.recipe"
for t in "${TOOLS[@]}"; do
  t1=$(date +%s)
  log "building $t (nice $NICE)"
  (cd "$SRC" && nice -n "$NICE" "$GO" build -trimpath -ldflags "$LD" -o "$BIN/$t.tmp" "./cmd/$t") >&2
  mv "$BIN/$t.tmp" "$BIN/$t"
  log "built $t in $(( $(date +%s) - t1 ))s"
done
"$BIN/kubelet" --version >/dev/null || die "built kubelet does not run"
echo "$VER" >"$BIN/.debian-version"
echo "$RECIPE" >"$BIN/.recipe"

if [ "${KUBE_NODE_KEEP_BUILD:-0}" != 1 ]; then   # keep only the binaries (and a downloaded package)
  chmod -R u+w "$SRC" "$B/gocache" "$B/gopath" 2>/dev/null || true
  rm -rf "$SRC" "$B/gocache" "$B/gopath"
fi
log "built ${TOOLS[*]} ($("$BIN/kubelet" --version)) in $(( $(date +%s) - t0 ))s"
print_result
