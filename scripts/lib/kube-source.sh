# kube-source.sh - getting and preparing Debian's own "kubernetes" source package for a Go build
# with Debian's Go: the private deb-src configuration, the download (reusing a package another
# build already downloaded), the unpack with the two fixes every v1.20 binary needs on Go >= 1.18,
# the Go environment and the version stamps. Source it after common.sh.
# shellcheck shell=bash

# deb-src lines (component main) for this release's suites (codename, -updates, -security),
# derived from the enabled "deb" entries of the system's own apt sources.
deb_src_lines() {
  local c=$1 f
  {
    for f in /etc/apt/sources.list.d/*.sources; do
      [ -r "$f" ] || continue
      awk -v C="$c" '
        function flush(   n, m, i, j, u, s, opt) {
          if (types ~ /(^| )deb( |$)/ && tolower(enabled) != "no" && comps ~ /(^| )main( |$)/) {
            opt = (signedby ~ /^\//) ? "[signed-by=" signedby "] " : ""
            n = split(uris, u, /[ \t]+/); m = split(suites, s, /[ \t]+/)
            for (i = 1; i <= n; i++) for (j = 1; j <= m; j++)
              if (u[i] != "" && (s[j] == C || s[j] == C "-updates" || s[j] == C "-security"))
                print "deb-src " opt u[i] " " s[j] " main"
          }
          types = uris = suites = comps = signedby = enabled = key = ""
        }
        /^[ \t]*#/ { next }
        /^[ \t]*$/ { flush(); next }
        /^[ \t]/ { v = $0; gsub(/^[ \t]+|[ \t]+$/, "", v)          # continuation line
                   if (key == "uris") uris = uris " " v; else if (key == "suites") suites = suites " " v
                   else if (key == "components") comps = comps " " v
                   next }
        { i = index($0, ":"); if (i == 0) next
          key = tolower(substr($0, 1, i - 1)); val = substr($0, i + 1); gsub(/^[ \t]+|[ \t]+$/, "", val)
          if (key == "types") types = val; else if (key == "uris") uris = val; else if (key == "suites") suites = val
          else if (key == "components") comps = val; else if (key == "signed-by") signedby = val
          else if (key == "enabled") enabled = val }
        END { flush() }' "$f"
    done
    for f in /etc/apt/sources.list /etc/apt/sources.list.d/*.list; do
      [ -r "$f" ] || continue
      awk -v C="$c" '
        $1 == "deb" {
          i = 2; opt = ""
          if ($2 ~ /^\[/) { while (i < NF && $i !~ /\]$/) { opt = opt $i " "; i++ }; opt = opt $i " "; i++ }
          main = 0; for (j = i + 2; j <= NF && $j !~ /^#/; j++) if ($j == "main") main = 1
          s = $(i + 1)
          if (main && (s == C || s == C "-updates" || s == C "-security")) print "deb-src " opt $i " " s " main"
        }' "$f"
    done
  } | awk '!seen[$0]++'
}

# kube_source_found DIR VERSION: DIR holds the complete source package VERSION (.dsc and every
# file it lists).
kube_source_found() {
  local dsc=$1/kubernetes_$2.dsc f
  [ -s "$dsc" ] || return 1
  while read -r f; do
    [ -s "$1/$f" ] || return 1
  done < <(awk '/^Files:/ { on = 1; next } /^[^ ]/ { on = 0 } on && NF == 3 { print $3 }' "$dsc")
}

# kube_source_fetch BUILD_DIR VERSION SRC_LINE [CACHE_DIR...]: sets KUBE_SRC_DSC (path of the
# .dsc), KUBE_SRC_VER (Debian version) and KUBE_SRC_UPSTREAM (1.20.x). With VERSION given and that
# package complete in one of the CACHE_DIRs (e.g. another build's download directory) or in
# BUILD_DIR/download, nothing is fetched. Otherwise the package (VERSION, else the newest) is
# downloaded into BUILD_DIR/download through a private apt configuration in BUILD_DIR/apt whose
# deb-src lines are SRC_LINE or derived from this machine's apt sources (which stay untouched).
kube_source_fetch() {
  local b=$1 want=$2 line=$3 d codename a probe dsc
  shift 3
  KUBE_SRC_DSC=
  if [ -n "$want" ]; then
    for d in "$b/download" "$@"; do
      if kube_source_found "$d" "$want"; then KUBE_SRC_DSC=$d/kubernetes_$want.dsc; break; fi
    done
  fi
  if [ -z "$KUBE_SRC_DSC" ]; then
    # shellcheck disable=SC1091
    codename=$(. /etc/os-release && echo "${VERSION_CODENAME:-}")
    [ -n "$codename" ] || die "no VERSION_CODENAME in /etc/os-release"
    a=$b/apt
    mkdir -p "$a/lists/partial" "$a/cache/archives/partial" "$a/sources.list.d" "$b/download"
    if [ -n "$line" ]; then printf '%s\n' "$line" >"$a/sources.list"; else deb_src_lines "$codename" >"$a/sources.list"; fi
    [ -s "$a/sources.list" ] ||
      die "found no enabled 'deb' entry for suite $codename (component main) in /etc/apt; give a deb-src line"
    log "deb-src entries (private apt config):"; sed 's/^/    /' "$a/sources.list" >&2
    local opts=(-o "Dir::State::Lists=$a/lists" -o "Dir::Etc::SourceList=$a/sources.list"
                -o "Dir::Etc::SourceParts=$a/sources.list.d" -o "Dir::Cache=$a/cache" -o Acquire::Languages=none)
    [ "$(id -u)" != 0 ] || opts+=(-o APT::Sandbox::User=root)
    apt-get "${opts[@]}" -qq update >&2 || die "apt-get update (deb-src) failed"
    # (--print-uris in an empty directory: apt omits files that are already downloaded)
    probe=$(mktemp -d "$b/probe.XXXXXX")
    dsc=$(cd "$probe" && apt-get "${opts[@]}" source --print-uris "kubernetes${want:+=$want}" |
      awk '$2 ~ /^kubernetes_.*\.dsc$/ {print $2; exit}')
    rmdir "$probe"
    [ -n "$dsc" ] || die "no kubernetes source package found for kubernetes${want:+=$want} in $codename"
    want=${dsc#kubernetes_}; want=${want%.dsc}
    (cd "$b/download" && apt-get "${opts[@]}" -qq source --download-only "kubernetes=$want") >&2
    KUBE_SRC_DSC=$b/download/$dsc
  fi
  KUBE_SRC_VER=${KUBE_SRC_DSC##*/kubernetes_}; KUBE_SRC_VER=${KUBE_SRC_VER%.dsc}
  KUBE_SRC_UPSTREAM=${KUBE_SRC_VER%-*}; KUBE_SRC_UPSTREAM=${KUBE_SRC_UPSTREAM##*really}  # 1.20.5+really1.20.2-1.1+deb12u1 -> 1.20.2
  case "$KUBE_SRC_UPSTREAM" in 1.20.*) ;; *) die "kubernetes source $KUBE_SRC_VER is not 1.20.x; these recipes patch 1.20 only" ;; esac
  log "source package kubernetes $KUBE_SRC_VER (upstream v$KUBE_SRC_UPSTREAM) from ${KUBE_SRC_DSC%/*}"
}

# kube_source_unpack DSC DEST: unpack the source package into DEST (which must not exist) with
# the fixes every v1.20 binary needs under Debian's Go (1.19).
kube_source_unpack() {
  local t=$2 r=/usr/share/gocode/src/github.com/modern-go/reflect2
  dpkg-source -x "$1" "$t" >&2
  rm -f "$(dirname "$t")"/kubernetes_*.orig.tar.*      # dpkg-source copies the orig tarball beside DEST
  # Go >= 1.17 misreads the Go-1.15-style vendor/modules.txt (wildcard "# mod => repl" lines
  # directly before package lists: "updates to go.mod needed"); move those lines to the end.
  awk '{ if ($0 ~ /^# / && NF >= 3 && $3 == "=>") w[++n] = $0; else print } END { for (i = 1; i <= n; i++) print w[i] }' \
    "$t/vendor/modules.txt" >"$t/vendor/modules.txt.new" && mv "$t/vendor/modules.txt.new" "$t/vendor/modules.txt"
  # modern-go/reflect2 1.0.1 crashes at run time with Go >= 1.18; use Debian's 1.0.2 sources.
  rm -f "$t"/vendor/github.com/modern-go/reflect2/*.go "$t"/vendor/github.com/modern-go/reflect2/*.s
  cp "$r"/*.go "$r"/*.s "$t/vendor/github.com/modern-go/reflect2/"
}

# kube_go_env BUILD_DIR: a private, offline Go environment (vendored modules only, no cgo).
kube_go_env() {
  export GOCACHE=$1/gocache GOPATH=$1/gopath GOENV=off GOFLAGS=-mod=vendor GOPROXY=off GOSUMDB=off \
         GOTOOLCHAIN=local CGO_ENABLED=0 GO111MODULE=on
}

# kube_ldflags UPSTREAM DEBIAN_VERSION: stripped binaries stamped vUPSTREAM (--version reads
# component-base, an API server's /version reads client-go's copy), the Debian version as commit.
kube_ldflags() {
  local ld="-s -w" v minor
  minor=$(echo "$1" | cut -d. -f2)
  for v in k8s.io/component-base/version k8s.io/client-go/pkg/version; do
    ld="$ld -X $v.gitVersion=v$1 -X $v.gitMajor=1 -X $v.gitMinor=$minor -X $v.gitTreeState=clean"
    ld="$ld -X $v.gitCommit=debian-$2 -X $v.buildDate=$(date -u +%Y-%m-%dT%H:%M:%SZ)"
  done
  echo "$ld"
}
