#!/usr/bin/env bash
# sshd-up.sh - start a real OpenSSH server (Debian's openssh-server, /usr/sbin/sshd) on loopback
# with its own host key, its own sshd_config (no PAM, public keys only, one allowed user) and a
# generated client key pair. The system's sshd, its config and its host keys are never read,
# changed or signalled. The allowed user is the user running this script: an sshd run by an
# ordinary user can only log that user in (as root, SSHD_USER may name any existing account).
# Idempotent: reuses the instance it started (PID file) while it still accepts our key.
# Prints KEY=VALUE lines on stdout (also saved as $SSHD_STATE_DIR/env); logs on stderr.
# Env: MOTHERSHIP_CACHE, SSHD_STATE_DIR, SSHD_HOST (127.0.0.1), SSHD_PORT (a free port),
#      SSHD_USER (the current user), SSHD_KEY_TYPE (ed25519 | ecdsa; host and client key).
set -euo pipefail

# shellcheck source=lib/common.sh
. "$(dirname "${BASH_SOURCE[0]}")/lib/common.sh"
STATE=${SSHD_STATE_DIR:-$MOTHERSHIP_CACHE/sshd/instance}
HOST=${SSHD_HOST:-127.0.0.1}
ME=$(id -un)
SUSER=${SSHD_USER:-$ME}
KEY_TYPE=${SSHD_KEY_TYPE:-ed25519}
SSHD=/usr/sbin/sshd
PIDFILE=$STATE/sshd.pid
CFG=$STATE/sshd_config   # "-f $CFG" in its command line marks our process

require_loopback SSHD_HOST "$HOST"
case "$KEY_TYPE" in ed25519|ecdsa) ;; *) die "SSHD_KEY_TYPE must be ed25519 or ecdsa" ;; esac
if [ "$(id -u)" != 0 ] && [ "$SUSER" != "$ME" ]; then
  die "an sshd run by $ME can only log in $ME (SSHD_USER=$SUSER needs root)"
fi
getent passwd "$SUSER" >/dev/null || die "SSHD_USER=$SUSER does not exist"
apt_install openssh-server openssh-client
[ -x "$SSHD" ] || die "$SSHD not found after installing openssh-server"
mkdir -p "$STATE"; chmod 700 "$STATE"
exec 9>"$STATE/.lock"
flock 9 || die "cannot lock $STATE/.lock"

same_request() {  # KEY VALUE: VALUE is empty or equals KEY in the running instance's env file
  [ -z "$2" ] || [ "$(printf %q "$2")" = "$(sed -n "s/^$1=//p" "$STATE/env" 2>/dev/null)" ]
}
ssh_ok() {  # PORT: a login with our key and the pinned host key works
  ssh -F none -p "$1" -i "$STATE/id_$KEY_TYPE" -o IdentitiesOnly=yes -o BatchMode=yes \
    -o UserKnownHostsFile="$STATE/known_hosts" -o GlobalKnownHostsFile=/dev/null -o StrictHostKeyChecking=yes \
    -o ConnectTimeout=3 -o LogLevel=ERROR "$SUSER@$HOST" true </dev/null >/dev/null 2>&1
}

# ---- reuse a running instance of ours
if pid_ours "$PIDFILE" "$SSHD" "$CFG" && [ -s "$STATE/env" ] && same_request SSHD_HOST "$HOST" &&
   same_request SSHD_PORT "${SSHD_PORT:-}" && same_request SSHD_USER "$SUSER" && same_request SSHD_KEY_TYPE "$KEY_TYPE" &&
   ssh_ok "$(sed -n 's/^SSHD_PORT=//p' "$STATE/env")"; then
  log "already running (pid $(pid_of "$PIDFILE"))"
  cat "$STATE/env"
  exit 0
fi
stop_pidfile sshd "$PIDFILE" "$SSHD" "$CFG"

# ---- fresh host key, client key pair and config
PORT=$(pick_port SSHD_PORT "${SSHD_PORT:-}")
rm -f "$STATE/env" "$STATE"/ssh_host_* "$STATE"/id_* "$STATE/authorized_keys" "$STATE/known_hosts"
ssh-keygen -q -t "$KEY_TYPE" -N '' -C "mothership-sshd-host" -f "$STATE/ssh_host_${KEY_TYPE}_key"
ssh-keygen -q -t "$KEY_TYPE" -N '' -C "mothership-sshd-client" -f "$STATE/id_$KEY_TYPE"
cp "$STATE/id_$KEY_TYPE.pub" "$STATE/authorized_keys"
echo "[$HOST]:$PORT $(cut -d' ' -f1,2 "$STATE/ssh_host_${KEY_TYPE}_key.pub")" >"$STATE/known_hosts"
chmod 600 "$STATE/authorized_keys" "$STATE/known_hosts"
permit_root=no; [ "$SUSER" != root ] || permit_root=prohibit-password
cat >"$CFG" <<CONFIG
# Written by sshd-up.sh; the system's /etc/ssh/sshd_config is not read.
ListenAddress $HOST:$PORT
HostKey $STATE/ssh_host_${KEY_TYPE}_key
PidFile none
UsePAM no
AuthenticationMethods publickey
PubkeyAuthentication yes
PasswordAuthentication no
KbdInteractiveAuthentication no
HostbasedAuthentication no
GSSAPIAuthentication no
AuthorizedKeysFile $STATE/authorized_keys
AllowUsers $SUSER
PermitRootLogin $permit_root
# The key files live under the cache, whose parents may be group-writable (or /tmp).
StrictModes no
PermitUserEnvironment no
AllowAgentForwarding no
AllowTcpForwarding no
X11Forwarding no
PermitTunnel no
UseDNS no
PrintMotd no
PrintLastLog no
MaxStartups 200:30:400
MaxSessions 100
LoginGraceTime 30
LogLevel VERBOSE
CONFIG
if [ "$(id -u)" = 0 ]; then
  # Privilege separation needs the "sshd" user (made by openssh-server) and /run/sshd, which
  # the system's ssh service normally creates.
  getent passwd sshd >/dev/null || die "user 'sshd' missing (is openssh-server installed properly?)"
  [ -d /run/sshd ] || { log "creating /run/sshd (sshd's privilege-separation directory)"; mkdir -m 0755 /run/sshd; }
fi
"$SSHD" -t -f "$CFG" || die "sshd rejects $CFG"

# ---- start and wait until our key logs in
started=1
trap '[ "$started" = 0 ] || stop_pidfile sshd "$PIDFILE" "$SSHD" "$CFG"' EXIT
# A port picked free can be taken by another process before sshd binds it: then, unless
# SSHD_PORT was given, pick another one and try again (a few times).
for attempt in 1 2 3 4 5; do
  log "starting $SSHD on $HOST:$PORT for user $SUSER"
  : >"$STATE/sshd.log"
  start_detached "$PIDFILE" "$STATE/sshd.log" "$SSHD" -D -e -f "$CFG"
  for i in $(seq 1 100); do
    ssh_ok "$PORT" && break 2
    if ! alive "$(pid_of "$PIDFILE")"; then
      if [ -z "${SSHD_PORT:-}" ] && [ "$attempt" -lt 5 ] && grep -q "Address already in use" "$STATE/sshd.log"; then
        old=$PORT PORT=$(pick_port SSHD_PORT "" "$old")
        log "port $old was taken meanwhile; trying $PORT"
        sed -i "s/^ListenAddress .*/ListenAddress $HOST:$PORT/" "$CFG"
        echo "[$HOST]:$PORT $(cut -d' ' -f1,2 "$STATE/ssh_host_${KEY_TYPE}_key.pub")" >"$STATE/known_hosts"
        continue 2
      fi
      tail -20 "$STATE/sshd.log" >&2; die "sshd exited; log: $STATE/sshd.log"
    fi
    [ "$i" -lt 100 ] || { tail -20 "$STATE/sshd.log" >&2; die "cannot log in after 20 s; log: $STATE/sshd.log"; }
    sleep 0.2
  done
done
{
  printf 'SSHD_HOST=%q\n' "$HOST"
  printf 'SSHD_PORT=%q\n' "$PORT"
  printf 'SSHD_USER=%q\n' "$SUSER"
  printf 'SSHD_KEY_TYPE=%q\n' "$KEY_TYPE"
  printf 'SSHD_KEY=%q\n' "$STATE/id_$KEY_TYPE"
  printf 'SSHD_HOST_KEY_PUB=%q\n' "$STATE/ssh_host_${KEY_TYPE}_key.pub"
  printf 'SSHD_HOST_KEY_SHA256=%q\n' "$(ssh-keygen -l -E sha256 -f "$STATE/ssh_host_${KEY_TYPE}_key.pub" | cut -d' ' -f2)"
  printf 'SSHD_KNOWN_HOSTS=%q\n' "$STATE/known_hosts"
  printf 'SSHD_PID=%q\n' "$(pid_of "$PIDFILE")"
  printf 'SSHD_LOG=%q\n' "$STATE/sshd.log"
} >"$STATE/env"
started=0
log "ready: $SUSER@$HOST:$PORT (pid $(pid_of "$PIDFILE"))"
cat "$STATE/env"
