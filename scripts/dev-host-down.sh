#!/usr/bin/env bash
# dev-host-down.sh - stop a dev host that dev-host-up.sh started and delete its state directory
# (keys, logs and the host's file system layers: everything the host wrote).
# What is stopped: every process whose mount namespace is the host's - sshd (the host's PID 1),
# the sessions, the services the host's systemctl started (kubelet, fake-cri), anything a session
# left behind or entered with nsenter. A namespace counts as the host's only when its mount table
# holds the host's overlays (their options name /run/.dev-host-<id>, the id in $STATE/id), so the
# machine's own processes and other hosts' are never signalled, whatever the PID files say.
# SIGTERM first, SIGKILL after DEV_HOST_STOP_GRACE seconds. The mounts go with the namespace.
# Safe to run when nothing runs. The state directory is deleted only if it holds the .dev-host
# marker dev-host-up.sh writes.
# Usage: DEV_HOST_NAME=w1 dev-host-down.sh      one host
#        dev-host-down.sh --all                 every host under $MOTHERSHIP_CACHE/dev-hosts
# Env: DEV_HOST_NAME, DEV_HOST_STATE_DIR ($MOTHERSHIP_CACHE/dev-hosts/$DEV_HOST_NAME),
#      DEV_HOST_KEEP=1 (stop, keep the state directory), DEV_HOST_STOP_GRACE (10), MOTHERSHIP_CACHE.
set -euo pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
# shellcheck source=lib/common.sh
. "$HERE/lib/common.sh"
GRACE=${DEV_HOST_STOP_GRACE:-10}
[[ $GRACE =~ ^[0-9]+$ ]] || die "DEV_HOST_STOP_GRACE=$GRACE is not a number of seconds"

host_pids() {  # ID: the processes whose mount table holds the host's overlays
  local id=$1 p pid ns self me1
  local -A verdict=()
  self=$(readlink /proc/self/ns/mnt) || return 1
  me1=$(readlink /proc/1/ns/mnt 2>/dev/null || echo "$self")   # (PID 1 may not be readable)
  for p in /proc/[0-9]*; do
    pid=${p#/proc/}
    if [ "$pid" = $$ ] || [ "$pid" = "$BASHPID" ]; then continue; fi
    ns=$(readlink "$p/ns/mnt" 2>/dev/null) || continue
    if [ "$ns" = "$self" ] || [ "$ns" = "$me1" ]; then continue; fi   # the machine's own namespace: never
    if [ -z "${verdict[$ns]:-}" ]; then
      if grep -qF "upperdir=/run/.dev-host-$id/" "$p/mountinfo" 2>/dev/null; then verdict[$ns]=yes; else verdict[$ns]=no; fi
    fi
    [ "${verdict[$ns]}" = yes ] && echo "$pid"
  done
  return 0
}

stop_host() {  # STATE
  local state=$1 id pids n p out
  if [ ! -d "$state" ]; then log "nothing to stop ($state does not exist)"; return 0; fi
  if [ ! -e "$state/.dev-host" ]; then log "$state is not a dev host's state directory (no .dev-host); leaving it alone"; return 1; fi
  if [ "${_DEV_HOST_LOCK_HELD:-}" != 1 ]; then   # (dev-host-up.sh holds the lock when it calls us)
    exec 8>"$state/.lock"
    flock 8 || die "cannot lock $state/.lock"
  fi
  id=$(cat "$state/id" 2>/dev/null || true)
  if [[ $id =~ ^[0-9a-f]{16}$ ]]; then
    out=$(host_pids "$id") || die "cannot list the processes of the host in $state"
    mapfile -t pids < <(printf '%s' "$out" | grep .)
    if [ ${#pids[@]} -gt 0 ]; then
      log "stopping host in $state: ${#pids[@]} process(es): ${pids[*]}"
      kill -TERM "${pids[@]}" 2>/dev/null || true
      for _ in $(seq 1 $((GRACE * 10))); do
        n=0; for p in "${pids[@]}"; do alive "$p" && n=$((n + 1)); done
        [ "$n" -gt 0 ] || break
        sleep 0.1
      done
      # again by namespace: also whatever was started while we waited
      out=$(host_pids "$id") || die "cannot list the processes of the host in $state"
      mapfile -t pids < <(printf '%s' "$out" | grep .)
      if [ ${#pids[@]} -gt 0 ]; then
        log "still running after ${GRACE}s: ${pids[*]}; sending SIGKILL"
        kill -KILL "${pids[@]}" 2>/dev/null || true
        for _ in $(seq 1 50); do
          out=$(host_pids "$id") || die "cannot list the processes of the host in $state"
          [ -n "$out" ] || break
          sleep 0.1
        done
        [ -z "$out" ] || die "processes of the host in $state survive SIGKILL: ${out//$'\n'/ }"
      fi
      log "stopped host in $state"
    else
      log "host in $state: no process running"
    fi
  else
    log "host in $state: never started (no id)"
  fi
  rm -f "$state/host.pid" "$state/sshd.pid" "$state/env"
  if [ "${DEV_HOST_KEEP:-}" = 1 ]; then return 0; fi
  [ "$state" != / ] || die "refusing to delete /"
  rm -rf "$state"
  log "deleted $state"
}

if [ "${1:-}" = --all ]; then
  rc=0
  for d in "$MOTHERSHIP_CACHE"/dev-hosts/*/; do
    [ -e "${d}.dev-host" ] || continue
    ( stop_host "${d%/}" ) || rc=1
  done
  exit "$rc"
fi
[ $# -eq 0 ] || die "usage: DEV_HOST_NAME=NAME $0 | $0 --all"
if [ -n "${DEV_HOST_STATE_DIR:-}" ]; then
  STATE=$DEV_HOST_STATE_DIR
else
  [ -n "${DEV_HOST_NAME:-}" ] || die "set DEV_HOST_NAME (or DEV_HOST_STATE_DIR), or use --all"
  [[ $DEV_HOST_NAME =~ ^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$ ]] || die "DEV_HOST_NAME=$DEV_HOST_NAME is not a lowercase DNS label"
  STATE=$MOTHERSHIP_CACHE/dev-hosts/$DEV_HOST_NAME
fi
[ ! -d "$STATE" ] || STATE=$(cd "$STATE" && pwd -P)
stop_host "$STATE"
