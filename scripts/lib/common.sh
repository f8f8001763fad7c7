# common.sh - helpers shared by the scripts that install, build, start and stop the servers the
# tests use. Source it; it defines functions and MOTHERSHIP_CACHE only.
#
# MOTHERSHIP_CACHE: where builds, venvs and server instances live, outside the repository
# (${XDG_CACHE_HOME:-$HOME/.cache}/mothership unless set).
# shellcheck shell=bash

MOTHERSHIP_CACHE=${MOTHERSHIP_CACHE:-${XDG_CACHE_HOME:-${HOME:?set HOME or MOTHERSHIP_CACHE}/.cache}/mothership}

log() { printf '[%s] %s\n' "${0##*/}" "$*" >&2; }
die() { log "ERROR: $*"; exit 1; }

# Install the given Debian packages where missing (apt-get update first). A temporary
# policy-rc.d (only if the machine has none) keeps package installs from starting services.
apt_install() {
  local p missing=() sudo=() guard=/usr/sbin/policy-rc.d made=0 rc=0
  for p in "$@"; do
    # shellcheck disable=SC2016
    [ "$(dpkg-query -W -f='${db:Status-Status}' "$p" 2>/dev/null)" = installed ] || missing+=("$p")
  done
  [ ${#missing[@]} -gt 0 ] || return 0
  if [ "$(id -u)" != 0 ]; then
    command -v sudo >/dev/null || die "not root and no sudo; install first: ${missing[*]}"
    sudo=(sudo)
  fi
  log "installing Debian packages: ${missing[*]}"
  if [ ! -e "$guard" ]; then
    printf '#!/bin/sh\n# temporary (mothership): do not start services during install\nexit 101\n' |
      "${sudo[@]}" tee "$guard" >/dev/null && "${sudo[@]}" chmod 755 "$guard" && made=1
  fi
  { "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get update -qq &&
    "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}"
  } >&2 || rc=$?
  [ "$made" = 0 ] || "${sudo[@]}" rm -f "$guard"
  [ "$rc" = 0 ] || die "apt-get failed (exit $rc) installing: ${missing[*]}"
}

require_loopback() {  # NAME VALUE: only 127.0.0.0/8 addresses are accepted
  if ! [[ $2 =~ ^127\.([0-9]{1,3})\.([0-9]{1,3})\.([0-9]{1,3})$ ]] ||
     [ "${BASH_REMATCH[1]}" -gt 255 ] || [ "${BASH_REMATCH[2]}" -gt 255 ] || [ "${BASH_REMATCH[3]}" -gt 255 ]; then
    die "$1=$2 is not a loopback (127.0.0.0/8) address; refusing"
  fi
}

port_in_use() {  # PORT: some TCP socket on this host (any address, any state) uses it
  local f files=()
  for f in /proc/net/tcp /proc/net/tcp6; do [ -r "$f" ] && files+=("$f"); done
  [ ${#files[@]} -gt 0 ] || return 1
  awk -v h="$(printf ':%04X' "$1")" 'FNR > 1 && substr($2, length($2) - 4) == h { f = 1 } END { exit !f }' "${files[@]}"
}

pick_port() {  # NAME VALUE [TAKEN...]: VALUE if set (must be free), else a free port in 20000-31999
  local name=$1 p=$2 i; shift 2
  if [ -n "$p" ]; then
    if ! [[ $p =~ ^[0-9]+$ ]] || [ "$p" -lt 1 ] || [ "$p" -gt 65535 ]; then die "$name=$p is not a port number"; fi
    if port_in_use "$p"; then die "$name=$p is already in use"; fi
    echo "$p"; return 0
  fi
  for i in $(seq 1 500); do
    p=$(( 20000 + RANDOM % 12000 ))
    case " $* " in *" $p "*) continue ;; esac
    port_in_use "$p" || { echo "$p"; return 0; }
  done
  die "found no free TCP port"
}

start_detached() {  # PIDFILE LOGFILE CMD...: run CMD in its own session, stdio to LOGFILE (appended)
  local pidfile=$1 logfile=$2 i; shift 2
  rm -f "$pidfile"
  # The server keeps no descriptor of ours but stdio: a caller reading our output to its end
  # (a test harness, CI) must not wait for the server to exit.
  # shellcheck disable=SC2016
  setsid bash -c 'for f in /proc/$$/fd/*; do f=${f##*/}; [ "$f" -le 2 ] || eval "exec $f>&-" 2>/dev/null || true; done
    echo $$ >"$0.tmp" && mv -f "$0.tmp" "$0" && exec "$@"' "$pidfile" "$@" \
    </dev/null >>"$logfile" 2>&1 &
  for i in $(seq 1 100); do [ -s "$pidfile" ] && return 0; sleep 0.05; done
  die "could not start $1"
}

alive() { local s; s=$(cat "/proc/$1/stat" 2>/dev/null) || return 1; s=${s##*) }; [ "${s%% *}" != Z ]; }
pid_of() { local p; p=$(cat "$1" 2>/dev/null) || return 1; [[ $p =~ ^[0-9]+$ ]] || return 1; echo "$p"; }

pid_ours() {  # PIDFILE EXE [TEXT]: the recorded process is alive, runs EXE, has TEXT in its command line
  local pid exe
  pid=$(pid_of "$1") || return 1
  exe=$(readlink "/proc/$pid/exe" 2>/dev/null) || return 1
  [ "${exe% (deleted)}" = "$(readlink -f "$2")" ] || return 1
  [ -z "${3:-}" ] || tr '\0' ' ' <"/proc/$pid/cmdline" | grep -qF -- "$3"
}

stop_pidfile() {  # NAME PIDFILE EXE [ARG]: stop the recorded process if it is ours
  local pid
  [ -f "$2" ] || return 0
  if pid_ours "$2" "$3" "${4:-}"; then
    pid=$(pid_of "$2")
    kill -TERM "$pid" 2>/dev/null || true
    for _ in $(seq 1 100); do alive "$pid" || break; sleep 0.1; done
    if alive "$pid"; then log "$1 (pid $pid) still running after 10 s; sending SIGKILL"; kill -KILL "$pid" 2>/dev/null || true; fi
    log "stopped $1 (pid $pid)"
  else
    log "$1: $2 does not name a running $1 of ours; nothing to stop"
  fi
  rm -f "$2"
}
