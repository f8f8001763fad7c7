#!/usr/bin/env bash
# sshd-down.sh - stop the sshd that sshd-up.sh started (only the process named in its PID file,
# after checking it is /usr/sbin/sshd running our sshd_config; the system's sshd is never
# touched) and delete its keys. Logs stay. Safe to run when nothing is running.
# Env: MOTHERSHIP_CACHE, SSHD_STATE_DIR.
set -euo pipefail

# shellcheck source=lib/common.sh
. "$(dirname "${BASH_SOURCE[0]}")/lib/common.sh"
STATE=${SSHD_STATE_DIR:-$MOTHERSHIP_CACHE/sshd/instance}

[ -d "$STATE" ] || { log "nothing to stop ($STATE does not exist)"; exit 0; }
exec 9>"$STATE/.lock"
flock 9
# The listener exits on SIGTERM; sessions already open end as their clients disconnect.
stop_pidfile sshd "$STATE/sshd.pid" /usr/sbin/sshd "$STATE/sshd_config"
rm -f "$STATE/env" "$STATE"/ssh_host_* "$STATE"/id_* "$STATE/authorized_keys" "$STATE/known_hosts"
