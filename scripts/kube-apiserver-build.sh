#!/usr/bin/env bash
# kube-apiserver-build.sh - build a real kube-apiserver (v1.20.x) from Debian's own "kubernetes"
# source package with Debian's Go, and cache the binary under $MOTHERSHIP_CACHE.
#
# The source package is fetched through a private apt configuration: a deb-src line derived
# from this machine's own apt sources (archive URIs) and /etc/os-release (suite). The system's
# apt sources are not changed. A second run finds the cached binary and returns at once.
# Prints KEY=VALUE lines on stdout (KUBE_APISERVER_BIN, KUBE_APISERVER_VERSION); logs on stderr.
# Env: MOTHERSHIP_CACHE, KUBE_APISERVER_REBUILD=1, KUBE_APISERVER_DEB_VERSION,
#      KUBE_APISERVER_KEEP_BUILD=1, KUBE_APISERVER_BUILD_NICE (10). See scripts/README.md.
set -euo pipefail

# shellcheck source=lib/common.sh
. "$(dirname "${BASH_SOURCE[0]}")/lib/common.sh"
# shellcheck source=lib/kube-source.sh
. "$(dirname "${BASH_SOURCE[0]}")/lib/kube-source.sh"
ROOT=$MOTHERSHIP_CACHE/kube-apiserver
OUT=$ROOT/bin/kube-apiserver
B=$ROOT/build
GO=${KUBE_APISERVER_GO:-/usr/bin/go}
NICE=${KUBE_APISERVER_BUILD_NICE:-10}

# Bumped whenever the patches below change, so a binary built by an older recipe is rebuilt.
RECIPE=2
ZERO_CHECK='if data == nil || reflect.DeepEqual(reflect.Zero(reflect.TypeOf(data)), reflect.ValueOf(data)) {'
mkdir -p "$ROOT/bin" "$B"
exec 9>"$ROOT/.build.lock"
flock 9 || die "cannot lock $ROOT/.build.lock"

print_result() {
  printf 'KUBE_APISERVER_BIN=%q\n' "$OUT"
  printf 'KUBE_APISERVER_VERSION=%q\n' "$("$OUT" --version | awk '{print $2}')"
}
if [ -x "$OUT" ] && [ "${KUBE_APISERVER_REBUILD:-0}" != 1 ] && "$OUT" --version >/dev/null 2>&1 &&
   [ "$(cat "$OUT.recipe" 2>/dev/null)" = "$RECIPE" ]; then
  log "using cached $OUT ($(cat "$OUT.debian-version" 2>/dev/null || echo unknown source))"
  print_result
  exit 0
fi

t0=$(date +%s)
apt_install golang-go dpkg-dev golang-github-modern-go-reflect2-dev
[ -x "$GO" ] || die "Go not found at $GO"

# ---- 1. the source package, via a private apt configuration (system sources untouched)
# shellcheck disable=SC1091
CODENAME=$(. /etc/os-release && echo "${VERSION_CODENAME:-}")
[ -n "$CODENAME" ] || die "no VERSION_CODENAME in /etc/os-release"
A=$B/apt
mkdir -p "$A/lists/partial" "$A/cache/archives/partial" "$A/sources.list.d" "$B/download"
if [ -n "${KUBE_APISERVER_DEB_SRC_LINE:-}" ]; then
  printf '%s\n' "$KUBE_APISERVER_DEB_SRC_LINE" >"$A/sources.list"
else
  deb_src_lines "$CODENAME" >"$A/sources.list"
fi
[ -s "$A/sources.list" ] ||
  die "found no enabled 'deb' entry for suite $CODENAME (component main) in /etc/apt; set KUBE_APISERVER_DEB_SRC_LINE"
log "deb-src entries (private apt config):"; sed 's/^/    /' "$A/sources.list" >&2
APT_OPTS=(-o "Dir::State::Lists=$A/lists" -o "Dir::Etc::SourceList=$A/sources.list"
          -o "Dir::Etc::SourceParts=$A/sources.list.d" -o "Dir::Cache=$A/cache" -o Acquire::Languages=none)
[ "$(id -u)" != 0 ] || APT_OPTS+=(-o APT::Sandbox::User=root)
apt-get "${APT_OPTS[@]}" -qq update >&2 || die "apt-get update (deb-src) failed"
SPEC=kubernetes${KUBE_APISERVER_DEB_VERSION:+=$KUBE_APISERVER_DEB_VERSION}
# (--print-uris in an empty directory: apt omits files that are already downloaded)
PROBE=$(mktemp -d "$B/probe.XXXXXX")
DSC=$(cd "$PROBE" && apt-get "${APT_OPTS[@]}" source --print-uris "$SPEC" | awk '$2 ~ /^kubernetes_.*\.dsc$/ {print $2; exit}')
rmdir "$PROBE"
[ -n "$DSC" ] || die "no kubernetes source package found for $SPEC in $CODENAME"
VER=${DSC#kubernetes_}; VER=${VER%.dsc}
UPSTREAM=${VER%-*}; UPSTREAM=${UPSTREAM##*really}          # 1.20.5+really1.20.2-1.1+deb12u1 -> 1.20.2
case "$UPSTREAM" in 1.20.*) ;; *) die "kubernetes source $VER is not 1.20.x; this recipe patches 1.20 only" ;; esac
log "source package kubernetes $VER (upstream v$UPSTREAM)"
(cd "$B/download" && apt-get "${APT_OPTS[@]}" -qq source --download-only "kubernetes=$VER") >&2

# ---- 2. unpack and prepare once per version (marker file), then build
SRC=$B/src-$VER
export GOCACHE=$B/gocache GOPATH=$B/gopath GOENV=off GOFLAGS=-mod=vendor GOPROXY=off GOSUMDB=off \
       GOTOOLCHAIN=local CGO_ENABLED=0 GO111MODULE=on
if [ "$(cat "$SRC/.mothership-prepared" 2>/dev/null)" != "$RECIPE" ]; then
  rm -rf "$SRC"
  T=$SRC.tmp; rm -rf "$T"
  dpkg-source -x "$B/download/$DSC" "$T" >&2
  rm -f "$B"/kubernetes_*.orig.tar.*          # dpkg-source copies the orig tarball beside $T
  # 2a. Go >= 1.17 misreads the Go-1.15-style vendor/modules.txt (wildcard "# mod => repl" lines
  #     directly before package lists: "updates to go.mod needed"); move those lines to the end.
  awk '{ if ($0 ~ /^# / && NF >= 3 && $3 == "=>") w[++n] = $0; else print } END { for (i = 1; i <= n; i++) print w[i] }' \
    "$T/vendor/modules.txt" >"$T/vendor/modules.txt.new" && mv "$T/vendor/modules.txt.new" "$T/vendor/modules.txt"
  # 2b. modern-go/reflect2 1.0.1 crashes at run time with Go >= 1.18; use Debian's 1.0.2 sources.
  R=/usr/share/gocode/src/github.com/modern-go/reflect2
  rm -f "$T"/vendor/github.com/modern-go/reflect2/*.go "$T"/vendor/github.com/modern-go/reflect2/*.s
  cp "$R"/*.go "$R"/*.s "$T/vendor/github.com/modern-go/reflect2/"
  # 2d. The vendored OpenAPI type validator treats a value as null when reflect.DeepEqual of two
  #     reflect.Value structs says it is the zero value; with Go >= 1.18 that holds for "" (both
  #     point at the runtime's shared zero value), so an empty string in a typed custom-resource
  #     field, or a schema `default: ""`, is refused as "null". Later go-openapi/validate tests
  #     data == nil only; do the same.
  for f in "$T/vendor/k8s.io/kube-openapi/pkg/validation/validate/type.go" \
           "$T/vendor/github.com/go-openapi/validate/type.go"; do
    grep -qF "$ZERO_CHECK" "$f" || die "unexpected content in $f (zero-value check not found)"
    sed -i "s/$(printf '%s' "$ZERO_CHECK" | sed 's/[][\.*^$/]/\\&/g')/if data == nil {/" "$f"
  done
  # 2c. pkg/generated/openapi/zz_generated.openapi.go is made by upstream's Makefile; generate it
  #     with the vendored openapi-gen over every package tagged +k8s:openapi-gen.
  log "generating OpenAPI definitions"
  (cd "$T" && nice -n "$NICE" "$GO" build -o "$B/openapi-gen" k8s.io/kube-openapi/cmd/openapi-gen) >&2
  (
    cd "$T"
    find -H . \( -path './_*' -o -path './.*' -o -path ./vendor -o -path ./debian \) -prune -o -type f -name '*.go' -print |
      sed 's|^\./staging/src|vendor|; s|/[^/]*$||; s|^\./||' | LC_ALL=C sort -u >"$B/gen-dirs"
    while read -r d; do find "$d" -maxdepth 1 -type f -name '*.go'; done <"$B/gen-dirs" >"$B/gen-files"
    { xargs grep -l '^// *+k8s:' <"$B/gen-files" || true; } |
      { grep -v -E '^vendor/k8s.io/(code-generator|sample-apiserver)/' || true; } >"$B/gen-files-tagged"
    { xargs grep -l '+k8s:openapi-gen=' <"$B/gen-files-tagged" || true; } |
      xargs -r -n1 dirname | LC_ALL=C sort -u >"$B/openapi-dirs"
  )
  [ -s "$B/openapi-dirs" ] || die "found no +k8s:openapi-gen packages"
  GP=$B/gopath-gen; rm -rf "$GP"; mkdir -p "$GP/src/k8s.io"; ln -s "$T" "$GP/src/k8s.io/kubernetes"
  INPUTS=$(sed 's|^|k8s.io/kubernetes/|' "$B/openapi-dirs" | paste -sd, -)
  (cd "$GP/src/k8s.io/kubernetes" &&
    GOPATH=$GP GO111MODULE=off GOFLAGS='' nice -n "$NICE" "$B/openapi-gen" --logtostderr \
      -i "$INPUTS" -p k8s.io/kubernetes/pkg/generated/openapi -O zz_generated.openapi \
      -h vendor/k8s.io/code-generator/hack/boilerplate.go.txt -r "$B/openapi-violations") >&2
  cmp -s "$B/openapi-violations" "$T/api/api-rules/violation_exceptions.list" ||
    die "generated OpenAPI rule report differs from api/api-rules/violation_exceptions.list (see $B/openapi-violations)"
  rm -rf "$GP"
  echo "$RECIPE" >"$T/.mothership-prepared"
  mv "$T" "$SRC"
fi

log "building kube-apiserver (nice $NICE; about 5-10 min on 2 cores when cold)"
# version stamps: --version reads component-base, the /version endpoint reads client-go's copy
LD="-s -w"
for V in k8s.io/component-base/version k8s.io/client-go/pkg/version; do
  LD="$LD -X $V.gitVersion=v$UPSTREAM -X $V.gitMajor=1 -X $V.gitMinor=20 -X $V.gitTreeState=clean"
  LD="$LD -X $V.gitCommit=debian-$VER -X $V.buildDate=$(date -u +%Y-%m-%dT%H:%M:%SZ)"
done
(cd "$SRC" && nice -n "$NICE" "$GO" build -trimpath -ldflags "$LD" -o "$OUT.tmp" ./cmd/kube-apiserver) >&2
"$OUT.tmp" --version >/dev/null || die "built binary does not run"
mv "$OUT.tmp" "$OUT"
echo "$VER" >"$OUT.debian-version"
echo "$RECIPE" >"$OUT.recipe"

if [ "${KUBE_APISERVER_KEEP_BUILD:-0}" != 1 ]; then   # keep only the binary and the downloaded package
  chmod -R u+w "$SRC" "$B/gocache" "$B/gopath" 2>/dev/null || true
  rm -rf "$SRC" "$B/gocache" "$B/gopath" "$B/openapi-gen"
fi
log "built $("$OUT" --version) in $(( $(date +%s) - t0 ))s"
print_result
