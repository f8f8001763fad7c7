#!/usr/bin/env bash
# dev-host-up.sh - start a "worker host" on this machine for dev mode and end-to-end tests: a real
# OpenSSH server (Debian's /usr/sbin/sshd) on a loopback address, whose sessions see a machine of
# their own, so that Mothership's kubeadm cloud-init user data (write_files + the bootstrap script:
# systemctl daemon-reload / enable kubelet.service, kubeadm join --config …, touch
# /run/cluster-api/bootstrap-success.complete) runs over SSH unchanged, and so does the cleanup
# ("kubeadm reset -f") on deletion. The kubelet is the real v1.20 one (kube-node-build.sh) over
# fake-cri (kubelet's in-tree fake CRI runtime, standing in for containerd).
#
# The host: sshd runs in private mount, UTS and PID namespaces (unshare) where
#   - the hostname is DEV_HOST_NAME (kubeadm names the Node after it);
#   - /etc /var /usr /root /opt /home /srv are overlays: the machine's directory read-only below, the
#     host's own layer ($STATE/fs/<dir>/upper) on top, so whatever the user data, kubeadm and the
#     kubelet write (kubelet's hard-coded /var/lib/kubelet/device-plugins and /var/log/pods
#     included) lands in the state directory, never in the machine's own directories; /run and
#     /tmp are fresh tmpfs; /proc is the namespace's own, /proc/sys read-only (kubeadm's preflight
#     sees net.ipv4.ip_forward and net.bridge.bridge-nf-call-iptables as 1: private files are bound
#     over them, the machine's kernel settings stay as they are);
#   - /etc/hosts says "127.0.0.1 localhost <name>", so name lookups stay on loopback;
#   - /usr/bin has kubeadm and kubelet (as Debian's kubeadm packages install them; kubelet is a
#     wrapper that always adds this machine's safety flags, see below), crictl (a stand-in for the
#     commands kubeadm runs: info, version, pods, ps, stopp, rmp) and systemctl: a stand-in for
#     systemd that reads the unit files (kubelet.service, kubeadm's 10-kubeadm.conf drop-in and any
#     other drop-in, EnvironmentFile=, Restart=) and supervises the services itself, detached
#     (own session, no inherited descriptor, stdio to /var/log/<unit>.log, empty working
#     directory), so they outlive the SSH session; containerd.service (fake-cri on
#     /run/containerd/containerd.sock, where kubeadm's CRI detection looks) is enabled and started
#     when the host starts. The machine's own packaged services (ssh, etcd, ...: their unit files
#     show through the layers) are "not found" in the host: they would listen on the machine's
#     network, which the host shares.
# Safety, as in kubelet-node-up.sh: the kubelet API and healthz listen on 127.0.0.1 only, on ports
# chosen when the host starts (not 10250/10248: hosts share the machine's network), read-only port
# off, no QoS cgroups, no node-allocatable enforcement, cgroupfs driver, no swap check, no iptables
# chains, evictions only when the machine is really full; KUBELET_SIM_KERNEL_TUNABLES=warn (no
# kernel sysctl is written) and AWS_EC2_METADATA_DISABLED=true (no call to 169.254.169.254).
# The network is the machine's: everything listens on loopback; the Node's InternalIP is what the
# kubelet picks (it refuses loopback), no traffic goes there. Needs root.
# Idempotent: a running host of ours that still accepts our key is reused; otherwise the host is
# started afresh (new keys, empty layers). dev-host-down.sh stops it and deletes its state.
# Prints KEY=VALUE lines on stdout (also saved in $STATE/env); logs on stderr.
# Env: DEV_HOST_NAME (required; a DNS label: the hostname and Node name), DEV_HOST_ADDRESS
#      (required; 127.0.0.0/8), DEV_HOST_PORT (22), DEV_HOST_STATE_DIR
#      ($MOTHERSHIP_CACHE/dev-hosts/$DEV_HOST_NAME), DEV_HOST_KUBELET_PORT,
#      DEV_HOST_KUBELET_HEALTHZ_PORT (free ports), MOTHERSHIP_CACHE.
set -euo pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
# shellcheck source=lib/common.sh
. "$HERE/lib/common.sh"

NAME=${DEV_HOST_NAME:-}
ADDRESS=${DEV_HOST_ADDRESS:-}
PORT=${DEV_HOST_PORT:-22}
SSHD=/usr/sbin/sshd
OVERLAYS=(etc var usr root opt home srv)

[ "$(id -u)" = 0 ] || die "needs root (namespaces, mounts, kubelet)"
[ -n "$NAME" ] || die "set DEV_HOST_NAME (the host's name, e.g. w1)"
[[ $NAME =~ ^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$ ]] || die "DEV_HOST_NAME=$NAME is not a lowercase DNS label"
[ -n "$ADDRESS" ] || die "set DEV_HOST_ADDRESS (a loopback address, e.g. 127.0.0.11)"
require_loopback DEV_HOST_ADDRESS "$ADDRESS"
{ [[ $PORT =~ ^[0-9]+$ ]] && [ "$PORT" -ge 1 ] && [ "$PORT" -le 65535 ]; } || die "DEV_HOST_PORT=$PORT is not a port number"
STATE=${DEV_HOST_STATE_DIR:-$MOTHERSHIP_CACHE/dev-hosts/$NAME}
case "$STATE" in *[[:space:],:]*) die "DEV_HOST_STATE_DIR=$STATE: no spaces, commas or colons, please" ;; esac
mkdir -p "$MOTHERSHIP_CACHE" "$STATE"
MOTHERSHIP_CACHE=$(cd "$MOTHERSHIP_CACHE" && pwd -P) STATE=$(cd "$STATE" && pwd -P)
[ "$STATE" != / ] || die "DEV_HOST_STATE_DIR must not be /"
# the marker dev-host-down.sh checks before deleting the directory
if [ ! -e "$STATE/.dev-host" ] && [ -n "$(ls -A "$STATE")" ]; then
  die "$STATE is not empty and is not a dev host's state directory (no .dev-host); refusing to use it"
fi
touch "$STATE/.dev-host"
chmod 700 "$STATE"
# shellcheck source=lib/kube-node.sh
. "$HERE/lib/kube-node.sh"
exec 9>"$STATE/.lock"
flock 9 || die "cannot lock $STATE/.lock"

HOST_PID=$STATE/host.pid SSHD_PID=$STATE/sshd.pid
HOST_MARK="dev-host-setup $STATE "     # in the command line of our unshare process
SSHD_CFG=/run/dev-host/sshd_config      # as the host sees it ($STATE/sshd/sshd_config)
KEY=$STATE/id_ed25519 KNOWN_HOSTS=$STATE/known_hosts

ssh_ok() {  # a login with our key and the pinned host key works
  ssh -F none -p "$PORT" -i "$KEY" -o IdentitiesOnly=yes -o BatchMode=yes -o UserKnownHostsFile="$KNOWN_HOSTS" \
    -o GlobalKnownHostsFile=/dev/null -o StrictHostKeyChecking=yes -o ConnectTimeout=3 -o LogLevel=ERROR \
    "root@$ADDRESS" true </dev/null >/dev/null 2>&1
}
sshd_of_host() {  # the sshd (the namespace's PID 1) our unshare process started
  local upid child
  upid=$(pid_of "$HOST_PID") || return 1
  child=$(cat "/proc/$upid/task/$upid/children" 2>/dev/null) || return 1
  child=${child%% *}
  [ -n "$child" ] && [ "$(readlink "/proc/$child/exe" 2>/dev/null)" = "$SSHD" ] || return 1
  tr '\0' ' ' <"/proc/$child/cmdline" | grep -qF -- "-f $SSHD_CFG" || return 1
  echo "$child"
}
host_running() {
  pid_ours "$HOST_PID" /usr/bin/unshare "$HOST_MARK" && pid_ours "$SSHD_PID" "$SSHD" "-f $SSHD_CFG" &&
    [ "$(sshd_of_host)" = "$(pid_of "$SSHD_PID")" ]
}
listening_on() {  # ADDRESS PORT: a TCP listener on ADDRESS:PORT or on a wildcard address with PORT
  local hex port
  hex=$(IFS=. read -r a b c d <<<"$1"; printf '%02X%02X%02X%02X' "$d" "$c" "$b" "$a")
  port=$(printf '%04X' "$2")
  awk -v a="$hex:$port" -v w="00000000:$port" -v w6="00000000000000000000000000000000:$port" \
    -v m6="0000000000000000FFFF0000$hex:$port" \
    'FNR > 1 && $4 == "0A" && ($2 == a || $2 == w || $2 == w6 || $2 == m6) { f = 1 } END { exit !f }' \
    /proc/net/tcp /proc/net/tcp6 2>/dev/null
}

# ---- reuse a running host of ours
if host_running && [ -s "$STATE/env" ] && same_request DEV_HOST_ADDRESS "$ADDRESS" && same_request DEV_HOST_PORT "$PORT" &&
   same_request DEV_HOST_NAME "$NAME" && ssh_ok; then
  log "already running (sshd pid $(pid_of "$SSHD_PID"))"
  cat "$STATE/env"
  exit 0
fi
# stop what is left of an earlier start (we hold the lock)
_DEV_HOST_LOCK_HELD=1 DEV_HOST_KEEP=1 DEV_HOST_STATE_DIR=$STATE "$HERE/dev-host-down.sh" >&2

# ---- what the host needs
# (what kubeadm's preflight looks for: conntrack, iptables, ethtool, socat; crictl is ours)
{ # (one install at a time: hosts may be started side by side)
  flock 7 || die "cannot lock $MOTHERSHIP_CACHE/.dev-host-install.lock"
  apt_install openssh-server openssh-client util-linux mount hostname curl python3 conntrack iptables ethtool socat
} 7>"$MOTHERSHIP_CACHE/.dev-host-install.lock"
[ -x "$SSHD" ] || die "$SSHD not found after installing openssh-server"
getent passwd sshd >/dev/null || die "user 'sshd' missing (is openssh-server installed properly?)"
kube_node_built kubelet kubeadm fake-cri
listening_on "$ADDRESS" "$PORT" && die "something already listens on $ADDRESS:$PORT (or on port $PORT of every address)"
KPORT=$(pick_port DEV_HOST_KUBELET_PORT "${DEV_HOST_KUBELET_PORT:-}")
HPORT=$(pick_port DEV_HOST_KUBELET_HEALTHZ_PORT "${DEV_HOST_KUBELET_HEALTHZ_PORT:-}" "$KPORT")

# ---- fresh state: keys, sshd config, the host's layers
umask 022
rm -rf "${STATE:?}/fs" "${STATE:?}/sshd" "${STATE:?}/mnt" "$STATE/env" "$STATE/id" "$KEY" "$KEY.pub" "$KNOWN_HOSTS" "$HOST_PID" "$SSHD_PID"
mkdir -p "$STATE/sshd" "$STATE/mnt"
ID=$(od -An -N8 -tx1 /dev/urandom | tr -d ' \n')   # names the staging mount: identifies the host's processes
echo "$ID" >"$STATE/id"
ssh-keygen -q -t ed25519 -N '' -C "mothership-dev-host-$NAME" -f "$STATE/sshd/ssh_host_ed25519_key"
ssh-keygen -q -t ed25519 -N '' -C "mothership-dev-host-client" -f "$KEY"
HOST_KEY=$(cut -d' ' -f1,2 "$STATE/sshd/ssh_host_ed25519_key.pub")
cp "$KEY.pub" "$STATE/sshd/authorized_keys"
if [ "$PORT" = 22 ]; then kh=$ADDRESS; else kh="[$ADDRESS]:$PORT"; fi
echo "$kh $HOST_KEY" >"$KNOWN_HOSTS"
chmod 600 "$STATE/sshd/authorized_keys" "$KNOWN_HOSTS"
cat >"$STATE/sshd/sshd_config" <<CONFIG
# Written by dev-host-up.sh; the system's /etc/ssh/sshd_config is not read.
ListenAddress $ADDRESS:$PORT
HostKey /run/dev-host/ssh_host_ed25519_key
PidFile none
UsePAM no
AuthenticationMethods publickey
PubkeyAuthentication yes
PasswordAuthentication no
KbdInteractiveAuthentication no
HostbasedAuthentication no
GSSAPIAuthentication no
AuthorizedKeysFile /run/dev-host/authorized_keys
AllowUsers root
PermitRootLogin prohibit-password
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
Subsystem sftp internal-sftp
CONFIG
# checked with the paths as they are outside the host
sed "s|/run/dev-host/|$STATE/sshd/|" "$STATE/sshd/sshd_config" >"$STATE/sshd_config.check"
"$SSHD" -t -f "$STATE/sshd_config.check" || die "sshd rejects its config ($STATE/sshd/sshd_config)"
rm -f "$STATE/sshd_config.check"

layers=()
for d in "${OVERLAYS[@]}"; do
  if [ ! -d "/$d" ] || [ -L "/$d" ]; then continue; fi
  mkdir -p "$STATE/fs/$d/upper" "$STATE/fs/$d/work"
  chown --reference="/$d" "$STATE/fs/$d/upper"; chmod --reference="/$d" "$STATE/fs/$d/upper"
  layers+=("$d")
done
for d in etc usr var; do [ -d "$STATE/fs/$d/upper" ] || die "/$d is not a directory on this machine"; done
E=$STATE/fs/etc/upper U=$STATE/fs/usr/upper V=$STATE/fs/var/upper
mkdirs() { local p; for p in "$@"; do mkdir -p "$p"; chmod 755 "$p"; done; }
mkdirs "$U/bin" "$U/lib" "$U/lib/dev-host" "$U/lib/systemd" "$U/lib/systemd/system" "$E/systemd" "$E/systemd/system" \
  "$E/systemd/system/kubelet.service.d" "$E/systemd/system/multi-user.target.wants" "$V/lib" "$V/lib/containerd" \
  "$V/lib/containerd/imagefs" "$V/log" "$E/kubernetes" "$E/kubernetes/manifests"
printf '127.0.0.1 localhost %s\n::1 localhost ip6-localhost ip6-loopback\n' "$NAME" >"$E/hosts"
echo "$NAME" >"$E/hostname"
# copies, not links: something in the host that rewrites /usr/bin/kubelet must not reach the cache
cp "$KUBE_NODE_BIN_DIR/kubeadm" "$U/bin/kubeadm"
cp "$KUBE_NODE_BIN_DIR/kubelet" "$U/lib/dev-host/kubelet"
cp "$KUBE_NODE_BIN_DIR/fake-cri" "$U/bin/fake-cri"
{
  echo "# The kubelet flags dev-host-up.sh adds to every kubelet run in this host (after all others: they win)."
  printf 'DEV_HOST_KUBELET_FLAGS=('
  printf '%q ' --address=127.0.0.1 "--port=$KPORT" --healthz-bind-address=127.0.0.1 "--healthz-port=$HPORT" \
    --read-only-port=0 --cgroups-per-qos=false --enforce-node-allocatable= --cgroup-driver=cgroupfs \
    --fail-swap-on=false --make-iptables-util-chains=false \
    '--eviction-hard=memory.available<1Mi,nodefs.available<1%,imagefs.available<1%' --runtime-request-timeout=1m
  echo ')'
} >"$U/lib/dev-host/kubelet-sim.env"

cat >"$U/bin/kubelet" <<'KUBELET'
#!/bin/bash
# kubelet on a Mothership dev host (dev-host-up.sh): runs the real kubelet v1.20
# (/usr/lib/dev-host/kubelet) with the flags and environment that keep it off the machine the host
# runs on (/usr/lib/dev-host/kubelet-sim.env: kubelet API and healthz on 127.0.0.1 and the host's
# own ports, no cgroup hierarchy or iptables chains of its own, ...). They come last, so they win
# over the command line and the configuration file. KUBELET_SIM_KERNEL_TUNABLES=warn: the kubelet
# only logs the kernel settings it wants; AWS_EC2_METADATA_DISABLED=true: no cloud metadata call.
export KUBELET_SIM_KERNEL_TUNABLES=warn AWS_EC2_METADATA_DISABLED=true
for a in "$@"; do
  case "$a" in --version|--version=*|-h|--help) exec /usr/lib/dev-host/kubelet "$@" ;; esac
done
# shellcheck disable=SC1091
. /usr/lib/dev-host/kubelet-sim.env
exec /usr/lib/dev-host/kubelet "$@" "${DEV_HOST_KUBELET_FLAGS[@]}"
KUBELET

# kubelet.service and kubeadm's drop-in as the v1.20 kubelet/kubeadm packages install them
cat >"$U/lib/systemd/system/kubelet.service" <<'UNIT'
[Unit]
Description=kubelet: The Kubernetes Node Agent
Documentation=https://kubernetes.io/docs/home/
Wants=network-online.target
After=network-online.target

[Service]
ExecStart=/usr/bin/kubelet
Restart=always
StartLimitInterval=0
RestartSec=10

[Install]
WantedBy=multi-user.target
UNIT
cat >"$E/systemd/system/kubelet.service.d/10-kubeadm.conf" <<'UNIT'
# Note: This dropin only works with kubeadm and kubelet v1.11+
[Service]
Environment="KUBELET_KUBECONFIG_ARGS=--bootstrap-kubeconfig=/etc/kubernetes/bootstrap-kubelet.conf --kubeconfig=/etc/kubernetes/kubelet.conf"
Environment="KUBELET_CONFIG_ARGS=--config=/var/lib/kubelet/config.yaml"
# This is a file that "kubeadm init" and "kubeadm join" generates at runtime, populating the KUBELET_KUBEADM_ARGS variable dynamically
EnvironmentFile=-/var/lib/kubelet/kubeadm-flags.env
# This is a file that the user can use for overrides of the kubelet args as a last resort. Preferably, the user should use
# the .NodeRegistration.KubeletExtraArgs object in the configuration files instead. KUBELET_EXTRA_ARGS should be sourced from this file.
EnvironmentFile=-/etc/default/kubelet
ExecStart=
ExecStart=/usr/bin/kubelet $KUBELET_KUBECONFIG_ARGS $KUBELET_CONFIG_ARGS $KUBELET_KUBEADM_ARGS $KUBELET_EXTRA_ARGS
UNIT
# the container runtime: fake-cri where containerd's socket would be
cat >"$U/lib/systemd/system/containerd.service" <<'UNIT'
[Unit]
Description=containerd container runtime (dev host: kubelet's fake CRI runtime, nothing runs in containers)

[Service]
ExecStart=/usr/bin/fake-cri -endpoint unix:///run/containerd/containerd.sock -image-fs-dir /var/lib/containerd/imagefs
Restart=always
RestartSec=5
# dev host systemctl: "start" returns once this socket exists (containerd is Type=notify)
X-DevHost-ReadySocket=/run/containerd/containerd.sock

[Install]
WantedBy=multi-user.target
UNIT
ln -s /usr/lib/systemd/system/containerd.service "$E/systemd/system/multi-user.target.wants/containerd.service"
printf '%s\n' kubelet.service containerd.service >"$U/lib/dev-host/units"
printf 'runtime-endpoint: unix:///run/containerd/containerd.sock\nimage-endpoint: unix:///run/containerd/containerd.sock\n' >"$E/crictl.yaml"

cat >"$U/bin/crictl" <<'CRICTL'
#!/usr/bin/python3
"""crictl on a Mothership dev host (dev-host-up.sh): the commands of cri-tools' crictl that kubeadm
runs (info, pods -q, stopp, rmp) plus version and ps, speaking CRI (runtime.v1alpha2, gRPC over
HTTP/2 without TLS) to the runtime's unix socket through curl. Anything else fails."""
import json
import os
import struct
import subprocess
import sys
import tempfile
import time

SERVICE = "runtime.v1alpha2.RuntimeService"


def die(msg, code=1):
    print("crictl (dev host): " + msg, file=sys.stderr)
    sys.exit(code)


def varint(b, i):
    r = s = 0
    while True:
        c = b[i]
        i += 1
        r |= (c & 0x7F) << s
        s += 7
        if c < 0x80:
            return r, i


def enc_varint(n):
    out = bytearray()
    while True:
        c = n & 0x7F
        n >>= 7
        if n:
            out.append(c | 0x80)
        else:
            out.append(c)
            return bytes(out)


def fields(b):
    i, out = 0, []
    while i < len(b):
        key, i = varint(b, i)
        num, wt = key >> 3, key & 7
        if wt == 0:
            v, i = varint(b, i)
        elif wt == 2:
            n, i = varint(b, i)
            v, i = b[i:i + n], i + n
        elif wt == 1:
            v, i = b[i:i + 8], i + 8
        elif wt == 5:
            v, i = b[i:i + 4], i + 4
        else:
            raise ValueError("unsupported protobuf wire type %d" % wt)
        out.append((num, v))
    return out


def one(fs, num, default=None):
    vals = [v for n, v in fs if n == num]
    return vals[-1] if vals else default


def text(fs, num):
    return one(fs, num, b"").decode("utf-8", "replace")


def string_field(num, s):
    b = s.encode()
    return enc_varint(num << 3 | 2) + enc_varint(len(b)) + b


def call(endpoint, timeout, method, payload=b""):
    if not endpoint.startswith("unix://"):
        die("only unix:// runtime endpoints are supported, not %r" % endpoint)
    sock = endpoint[len("unix://"):]
    if not os.path.exists(sock):
        die("connect: connect endpoint %r: %s does not exist" % (endpoint, sock))
    body = b"\0" + struct.pack(">I", len(payload)) + payload
    with tempfile.TemporaryDirectory() as d:
        hdr = os.path.join(d, "headers")
        p = subprocess.run(
            ["curl", "-sS", "--http2-prior-knowledge", "--unix-socket", sock, "--max-time", str(timeout),
             "-H", "content-type: application/grpc", "-H", "te: trailers", "--data-binary", "@-",
             "-D", hdr, "-o", "-", "http://localhost/%s/%s" % (SERVICE, method)],
            input=body, stdout=subprocess.PIPE, stderr=subprocess.PIPE, check=False)
        if p.returncode != 0:
            die("%s: %s" % (method, p.stderr.decode(errors="replace").strip() or "curl failed"))
        with open(hdr, errors="replace") as f:
            headers = f.read()
    status, message = None, ""
    for line in headers.splitlines():
        k, _, v = line.partition(":")
        if k.strip().lower() == "grpc-status":
            status = v.strip()
        elif k.strip().lower() == "grpc-message":
            message = v.strip()
    if status != "0":
        die("%s: rpc error: code = %s desc = %s" % (method, status, message))
    out = p.stdout
    if len(out) < 5:
        return []
    n = struct.unpack(">I", out[1:5])[0]
    return fields(out[5:5 + n])


def age(ns):
    s = max(0, int(time.time() - ns / 1e9))
    for unit, n in (("d", 86400), ("h", 3600), ("m", 60)):
        if s >= n:
            return "%d%s ago" % (s // n, unit)
    return "%ds ago" % s


def main(argv):
    endpoint = os.environ.get("CONTAINER_RUNTIME_ENDPOINT", "")
    timeout = 10
    config = "/etc/crictl.yaml"
    args = []
    i = 0
    while i < len(argv):
        a = argv[i]
        name, eq, val = a.partition("=")
        if name in ("-r", "--runtime-endpoint", "-i", "--image-endpoint", "-t", "--timeout", "-c", "--config"):
            if not eq:
                i += 1
                if i >= len(argv):
                    die("flag needs an argument: " + a)
                val = argv[i]
            if name in ("-r", "--runtime-endpoint"):
                endpoint = val
            elif name in ("-t", "--timeout"):
                timeout = float(val.rstrip("s") or 10)
            elif name in ("-c", "--config"):
                config = val
        elif a in ("-D", "--debug"):
            pass
        else:
            args.append(a)
        i += 1
    if not endpoint and os.path.exists(config):
        with open(config) as f:
            for line in f:
                k, _, v = line.partition(":")
                if k.strip() == "runtime-endpoint":
                    endpoint = v.strip().strip("'\"")
    endpoint = endpoint or "unix:///run/containerd/containerd.sock"
    if not args:
        die("usage: crictl [-r ENDPOINT] info|version|pods [-q]|ps [-a] [-q]|stopp ID...|rmp [-f] ID...")
    cmd, rest = args[0], args[1:]
    opts = [a for a in rest if a.startswith("-")]
    ids = [a for a in rest if not a.startswith("-")]
    quiet = any(o in ("-q", "--quiet") for o in opts)

    def check_opts(allowed):
        for o in opts:
            if o not in allowed:
                die("%s: unsupported option %s" % (cmd, o))

    if cmd == "info":
        check_opts(())
        st = one(call(endpoint, timeout, "Status", b"\x08\x01"), 1, b"")
        conds = []
        for c in [v for n, v in fields(st) if n == 1]:
            cf = fields(c)
            conds.append({"type": text(cf, 1), "status": bool(one(cf, 2, 0)), "reason": text(cf, 3),
                          "message": text(cf, 4)})
        print(json.dumps({"status": {"conditions": conds}}, indent=2))
    elif cmd == "version":
        check_opts(())
        v = call(endpoint, timeout, "Version", string_field(1, "v1alpha2"))
        print("Version:  %s\nRuntimeName:  %s\nRuntimeVersion:  %s\nRuntimeApiVersion:  %s"
              % (text(v, 1), text(v, 2), text(v, 3), text(v, 4)))
    elif cmd == "pods":
        check_opts(("-q", "--quiet"))
        items = [fields(v) for n, v in call(endpoint, timeout, "ListPodSandbox") if n == 1]
        if not quiet:
            print("%-13s  %-14s  %-8s  %-40s  %-20s  %s" % ("POD ID", "CREATED", "STATE", "NAME", "NAMESPACE", "ATTEMPT"))
        for p in items:
            if quiet:
                print(text(p, 1))
                continue
            md = fields(one(p, 2, b""))
            print("%-13s  %-14s  %-8s  %-40s  %-20s  %d" % (text(p, 1)[:13], age(one(p, 4, 0)),
                  "NotReady" if one(p, 3, 0) else "Ready", text(md, 1), text(md, 3), one(md, 4, 0)))
    elif cmd == "ps":
        check_opts(("-q", "--quiet", "-a", "--all"))
        show_all = any(o in ("-a", "--all") for o in opts)
        states = ["Created", "Running", "Exited", "Unknown"]
        items = [fields(v) for n, v in call(endpoint, timeout, "ListContainers") if n == 1]
        if not quiet:
            print("%-13s  %-30s  %-14s  %-8s  %-30s  %s" % ("CONTAINER", "IMAGE", "CREATED", "STATE", "NAME", "POD ID"))
        for c in items:
            state = one(c, 6, 0)
            if not show_all and state != 1:
                continue
            if quiet:
                print(text(c, 1))
                continue
            md, img = fields(one(c, 3, b"")), fields(one(c, 4, b""))
            print("%-13s  %-30s  %-14s  %-8s  %-30s  %s" % (text(c, 1)[:13], text(img, 1), age(one(c, 7, 0)),
                  states[state] if state < len(states) else "Unknown", text(md, 1), text(c, 2)[:13]))
    elif cmd in ("stopp", "rmp"):
        check_opts(("-f", "--force") if cmd == "rmp" else ())
        if not ids:
            die("%s: ID cannot be empty" % cmd)
        for pid in ids:
            if cmd == "stopp" or opts:
                call(endpoint, timeout, "StopPodSandbox", string_field(1, pid))
            if cmd == "stopp":
                print("Stopped sandbox %s" % pid)
            else:
                call(endpoint, timeout, "RemovePodSandbox", string_field(1, pid))
                print("Removed sandbox %s" % pid)
    else:
        die("command %r is not supported by this stand-in (info, version, pods, ps, stopp, rmp)" % cmd)


main(sys.argv[1:])
CRICTL

cat >"$U/bin/systemctl" <<'SYSTEMCTL'
#!/bin/bash
# systemctl on a Mothership dev host (dev-host-up.sh). The host has no systemd: this stand-in reads
# the unit files itself (the unit in /etc, /run or /usr/lib/systemd/system, then its drop-ins
# <unit>.d/*.conf in name order; [Service] Environment=, EnvironmentFile=[-], ExecStart=, Restart=,
# RestartSec=, [Install] WantedBy=) and supervises each started service: a supervisor process of
# its own session, with no inherited descriptor, stdio appended to /var/log/<name>.log, an empty
# working directory, a clean environment (PATH, LANG and the unit's variables), restarting the
# service as Restart= says. Enabled = linked in /etc/systemd/system/<target>.wants, as systemd does.
# Verbs: daemon-reload daemon-reexec start stop restart try-restart reload-or-restart
# try-reload-or-restart enable disable [--now] is-active is-enabled is-failed status reset-failed.
# Anything else fails with a message. State (PIDs, service states) is kept in /run/dev-host-systemd.
# Which units exist: those the dev host installed (listed in /usr/lib/dev-host/units) and unit files
# written into /etc/systemd/system or /run/systemd/system (regular files, e.g. by user data). The
# machine's own packaged services (ssh, etcd, ...: their files and links are in the layers below)
# are "not found": they would listen on the machine's network, which the host shares.
set -uo pipefail
export PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin
UNIT_DIRS=(/etc/systemd/system /run/systemd/system /usr/lib/systemd/system)
RUN=/run/dev-host-systemd
SELF=/usr/bin/systemctl
STOP_TIMEOUT=30

err() { printf '%s\n' "$*" >&2; }
trim() { local s=$1; s=${s#"${s%%[![:space:]]*}"}; printf '%s' "${s%"${s##*[![:space:]]}"}"; }
words() { printf '%s\n' "$1" | xargs -r -n1 printf '%s\n'; }  # quoting as in unit files ("…", '…', \)
unit_name() {
  local u=$1
  case "$u" in *.service|*.socket|*.target|*.timer|*.mount|*.path) ;; *) u=$u.service ;; esac
  [[ $u =~ ^[A-Za-z0-9@._:-]+$ ]] || { err "Invalid unit name \"$1\"."; return 1; }
  printf '%s' "$u"
}

# load_unit UNIT: FILE DROPINS DESC EXEC RESTART RESTART_SEC WANTED_BY READY_SOCKET ENV_SRC; 1 if no unit file
load_unit() {
  local u=$1 d f b line key val sect cont targets
  FILE='' DROPINS=() DESC='' EXEC='' RESTART=no RESTART_SEC=0.1 WANTED_BY=() READY_SOCKET='' ENV_SRC=()
  for d in /etc/systemd/system /run/systemd/system; do
    [ -f "$d/$u" ] && [ ! -L "$d/$u" ] && { FILE=$d/$u; break; }
  done
  if [ -z "$FILE" ] && [ -f "/usr/lib/systemd/system/$u" ] && grep -qxF -- "$u" /usr/lib/dev-host/units 2>/dev/null; then
    FILE=/usr/lib/systemd/system/$u
  fi
  [ -n "$FILE" ] || return 1
  local -A seen=()
  for d in "${UNIT_DIRS[@]}"; do
    for f in "$d/$u.d"/*.conf; do [ -f "$f" ] || continue; b=${f##*/}; [ -n "${seen[$b]:-}" ] || seen[$b]=$f; done
  done
  if [ ${#seen[@]} -gt 0 ]; then
    while IFS= read -r b; do DROPINS+=("${seen[$b]}"); done < <(printf '%s\n' "${!seen[@]}" | LC_ALL=C sort)
  fi
  for f in "$FILE" "${DROPINS[@]}"; do
    sect='' cont=''
    while IFS= read -r line || [ -n "$line" ]; do
      line=$cont$(trim "$line") cont=''
      case "$line" in *\\) cont="${line%\\} "; continue ;; esac
      case "$line" in ''|'#'*|';'*) continue ;; '['*']') sect=$line; continue ;; *=*) ;; *) continue ;; esac
      key=$(trim "${line%%=*}") val=$(trim "${line#*=}")
      case "$sect/$key" in
        '[Unit]/Description') DESC=$val ;;
        '[Service]/Environment') if [ -z "$val" ]; then ENV_SRC=("${ENV_SRC[@]/#E:*/}"); else ENV_SRC+=("E:$val"); fi ;;
        '[Service]/EnvironmentFile') if [ -z "$val" ]; then ENV_SRC=("${ENV_SRC[@]/#F:*/}"); else ENV_SRC+=("F:$val"); fi ;;
        '[Service]/ExecStart') EXEC=$val ;;
        '[Service]/Restart') RESTART=$val ;;
        '[Service]/RestartSec') RESTART_SEC=$val ;;
        '[Service]/X-DevHost-ReadySocket') READY_SOCKET=$val ;;
        '[Install]/WantedBy') read -r -a targets <<<"$val"; WANTED_BY+=("${targets[@]}") ;;
      esac
    done <"$f"
  done
}

# unit_env: ENVV (NAME=value, later ones win) from Environment= and EnvironmentFile= in order
unit_env() {
  local s w p opt line
  ENVV=()
  for s in "${ENV_SRC[@]}"; do
    case "$s" in
      E:*) while IFS= read -r w; do [[ $w == [A-Za-z_]*=* ]] && ENVV+=("$w"); done < <(words "${s#E:}") ;;
      F:*)
        p=${s#F:} opt=0
        [ "${p#-}" = "$p" ] || { opt=1; p=${p#-}; }
        if [ ! -r "$p" ]; then
          [ "$opt" = 1 ] && continue
          err "Failed to load environment file $p: No such file or directory"; return 1
        fi
        while IFS= read -r line || [ -n "$line" ]; do
          line=$(trim "$line")
          [[ $line =~ ^([A-Za-z_][A-Za-z0-9_]*)[[:space:]]*=[[:space:]]*(.*)$ ]] || continue
          w=${BASH_REMATCH[1]} line=${BASH_REMATCH[2]}
          if [[ $line =~ ^\"(.*)\"$ ]] || [[ $line =~ ^\'(.*)\'$ ]]; then line=${BASH_REMATCH[1]}; fi
          ENVV+=("$w=$line")
        done <"$p" ;;
    esac
  done
}
getvar() { local i; for ((i = ${#ENVV[@]} - 1; i >= 0; i--)); do [[ ${ENVV[i]} == "$1="* ]] && { printf '%s' "${ENVV[i]#*=}"; return; }; done; }

# build_cmd: CMD from ExecStart= ($VAR: the value's words; ${VAR}: the value, within the word)
build_cmd() {
  local e=$EXEC w v out parts
  CMD=()
  while [[ $e == [-@:+!]* ]]; do e=${e:1}; done
  while IFS= read -r w; do
    if [[ $w =~ ^\$([A-Za-z_][A-Za-z0-9_]*)$ ]]; then
      read -r -a parts <<<"$(getvar "${BASH_REMATCH[1]}")"
      CMD+=("${parts[@]}")
    else
      out=''
      while [[ $w =~ ^([^$]*)\$\{([A-Za-z_][A-Za-z0-9_]*)\}(.*)$ ]]; do
        v=$(getvar "${BASH_REMATCH[2]}"); out+=${BASH_REMATCH[1]}$v; w=${BASH_REMATCH[3]}
      done
      CMD+=("$out$w")
    fi
  done < <(words "$e")
  if [ ${#CMD[@]} -eq 0 ] || [[ ${CMD[0]} != /* ]]; then err "$U: ExecStart= is missing or not an absolute path: $EXEC"; return 1; fi
}

starttime() { local s; s=$(cat "/proc/$1/stat" 2>/dev/null) || return 1; s=${s##*) }; read -r -a s <<<"$s"; [ "${s[0]}" != Z ] && echo "${s[19]}"; }
rec_pid() { local r; r=$(cat "$1" 2>/dev/null) || return 1; [ "$(starttime "${r% *}")" = "${r#* }" ] && echo "${r% *}"; }  # FILE: "PID START", alive
write_pid() { echo "$2 $(starttime "$2")" >"$1.tmp" && mv -f "$1.tmp" "$1"; }
supervisor() { rec_pid "$RUN/$1.supervisor"; }
set_state() { echo "$2 $(date '+%a %Y-%m-%d %H:%M:%S %Z')" >"$RUN/$1.state.tmp" && mv -f "$RUN/$1.state.tmp" "$RUN/$1.state"; }
active_state() {  # UNIT: active | activating | failed | inactive
  local s
  s=$(cut -d' ' -f1 "$RUN/$1.state" 2>/dev/null)
  if supervisor "$1" >/dev/null; then echo "${s:-activating}"
  elif [ "$s" = failed ] || [ "$s" = active ] || [ "$s" = activating ]; then echo failed
  else echo inactive; fi
}
enabled_state() {  # UNIT (loaded): enabled | disabled | static
  local l
  for l in /etc/systemd/system/*.wants/"$1"; do [ -e "$l" ] || [ -L "$l" ] && { echo enabled; return; }; done
  if [ ${#WANTED_BY[@]} -eq 0 ]; then echo static; else echo disabled; fi
}
seconds() {  # RestartSec= value in seconds
  local v=${1// /}
  case "$v" in *ms) awk -v v="${v%ms}" 'BEGIN { print v / 1000 }' ;; *min) echo $(( ${v%min} * 60 )) ;; *s) echo "${v%s}" ;; *) echo "${v:-0.1}" ;; esac
}

run_unit() {  # the supervisor (internal verb __run UNIT)
  local child='' stopping=0 rc restart
  U=$1
  trap 'stopping=1; [ -z "$child" ] || kill -TERM "$child" 2>/dev/null' TERM INT
  umask 022
  while :; do
    if ! load_unit "$U" || ! unit_env || ! build_cmd; then set_state "$U" failed; exit 1; fi
    rm -rf "$RUN/cwd/$U"; mkdir -p "$RUN/cwd/$U"; cd "$RUN/cwd/$U" || exit 1
    printf '%s dev-host systemctl: starting %s:%s\n' "$(date -Is)" "$U" "$(printf ' %q' "${CMD[@]}")"
    env -i "PATH=$PATH" LANG=C.UTF-8 "${ENVV[@]}" "${CMD[@]}" &
    child=$!
    write_pid "$RUN/$U.main" "$child"; set_state "$U" active
    while :; do wait "$child"; rc=$?; kill -0 "$child" 2>/dev/null || break; done
    child=''; rm -f "$RUN/$U.main"
    printf '%s dev-host systemctl: %s exited, status %s\n' "$(date -Is)" "$U" "$rc"
    [ "$stopping" = 0 ] || { set_state "$U" inactive; exit 0; }
    restart=0
    case "$RESTART" in
      always) restart=1 ;;
      on-failure) [ "$rc" = 0 ] || restart=1 ;;
      on-abnormal|on-abort) [ "$rc" -le 128 ] || restart=1 ;;
    esac
    if [ "$restart" = 0 ]; then
      if [ "$rc" = 0 ]; then set_state "$U" inactive; else set_state "$U" failed; fi
      exit 0
    fi
    set_state "$U" activating
    sleep "$(seconds "$RESTART_SEC")" & child=$!
    wait "$child"; child=''
    [ "$stopping" = 0 ] || { set_state "$U" inactive; exit 0; }
  done
}

start_unit() {
  local i s log
  load_unit "$U" || { err "Failed to start $U: Unit $U not found."; return 5; }
  supervisor "$U" >/dev/null && return 0
  mkdir -p "$RUN"; rm -f "$RUN/$U.supervisor" "$RUN/$U.main"; set_state "$U" activating
  log=/var/log/${U%.service}.log
  # shellcheck disable=SC2016
  setsid bash -c 'for f in /proc/$$/fd/*; do f=${f##*/}; [ "$f" -le 2 ] || eval "exec $f>&-" 2>/dev/null || true; done
    exec "$@"' dev-host-service "$SELF" __run "$U" </dev/null >>"$log" 2>&1 &
  s=$!
  for i in $(seq 1 100); do [ -n "$(starttime "$s")" ] && break; sleep 0.05; done
  write_pid "$RUN/$U.supervisor" "$s"
  [ -n "$READY_SOCKET" ] || return 0
  for i in $(seq 1 300); do
    [ -S "$READY_SOCKET" ] && return 0
    [ "$(active_state "$U")" != failed ] || break
    sleep 0.1
  done
  err "Job for $U failed: $READY_SOCKET did not appear. See $log for details."
  return 1
}

stop_unit() {
  local sup main i
  load_unit "$U" || { err "Failed to stop $U: Unit $U not loaded."; return 5; }
  if sup=$(supervisor "$U"); then
    kill -TERM "$sup" 2>/dev/null
    for i in $(seq 1 $((STOP_TIMEOUT * 10))); do supervisor "$U" >/dev/null || break; sleep 0.1; done
    if sup=$(supervisor "$U"); then kill -KILL "$sup" 2>/dev/null; fi
  fi
  if main=$(rec_pid "$RUN/$U.main"); then   # a service left by a supervisor that was killed
    kill -TERM "$main" 2>/dev/null
    for i in $(seq 1 $((STOP_TIMEOUT * 10))); do kill -0 "$main" 2>/dev/null || break; sleep 0.1; done
    kill -KILL "$main" 2>/dev/null
  fi
  rm -f "$RUN/$U.supervisor" "$RUN/$U.main"
  [ ! -e "$RUN/$U.state" ] || set_state "$U" inactive
  return 0
}

enable_unit() {
  local t l
  load_unit "$U" || { err "Failed to enable unit: Unit file $U does not exist."; return 1; }
  if [ ${#WANTED_BY[@]} -eq 0 ]; then
    [ "$QUIET" = 1 ] || err "The unit files have no installation config (WantedBy=, ...): $U is static."
  fi
  for t in "${WANTED_BY[@]}"; do
    l=/etc/systemd/system/$t.wants/$U
    [ -L "$l" ] && [ "$(readlink "$l")" = "$FILE" ] && continue
    mkdir -p "${l%/*}" && ln -sfn "$FILE" "$l" || return 1
    [ "$QUIET" = 1 ] || err "Created symlink $l → $FILE."
  done
  [ "$NOW" = 0 ] || start_unit
}

disable_unit() {
  local l
  load_unit "$U" || { err "Failed to disable unit: Unit file $U does not exist."; return 1; }
  for l in /etc/systemd/system/*.wants/"$U"; do
    [ -L "$l" ] || [ -e "$l" ] || continue
    rm -f "$l" && { [ "$QUIET" = 1 ] || err "Removed $l."; }
  done
  [ "$NOW" = 0 ] || stop_unit
}

status_unit() {
  local st en dot act main since dir last=''
  if ! load_unit "$U"; then
    printf '○ %s\n     Loaded: not-found (Reason: Unit %s not found.)\n     Active: inactive (dead)\n' "$U" "$U"
    return 4
  fi
  st=$(active_state "$U") en=$(enabled_state "$U")
  since=$(cut -d' ' -f2- "$RUN/$U.state" 2>/dev/null)
  case "$st" in
    active) dot='●' act="active (running)" ;;
    activating) dot='●' act="activating (auto-restart)" ;;
    failed) dot='×' act="failed (Result: exit-code)" ;;
    *) dot='○' act="inactive (dead)" ;;
  esac
  printf '%s %s - %s\n' "$dot" "$U" "${DESC:-$U}"
  printf '     Loaded: loaded (%s; %s; vendor preset: enabled)\n' "$FILE" "$en"
  for f in "${DROPINS[@]}"; do
    dir=${f%/*}
    if [ "$dir" != "$last" ]; then
      if [ -z "$last" ]; then printf '    Drop-In: %s\n' "$dir"; else printf '             %s\n' "$dir"; fi
      last=$dir
    fi
    printf '             └─%s\n' "${f##*/}"
  done
  printf '     Active: %s%s\n' "$act" "${since:+ since $since}"
  if main=$(rec_pid "$RUN/$U.main"); then printf '   Main PID: %s (%s)\n' "$main" "$(cat "/proc/$main/comm" 2>/dev/null)"; fi
  if [ "$LINES_N" -gt 0 ] && [ -s "/var/log/${U%.service}.log" ]; then
    echo; tail -n "$LINES_N" "/var/log/${U%.service}.log"
  fi
  [ "$st" = active ]
  return $(( $? == 0 ? 0 : 3 ))
}

# ---- command line
QUIET=0 NOW=0 LINES_N=10 verb='' units=()
while [ $# -gt 0 ]; do
  case "$1" in
    -q|--quiet) QUIET=1 ;;
    --now) NOW=1 ;;
    --no-pager|--no-block|--system|-l|--full|--no-legend|--no-ask-password|--plain|-f|--force|--no-reload) ;;
    -n|--lines) shift; LINES_N=${1:-10} ;;
    --lines=*) LINES_N=${1#*=} ;;
    -n[0-9]*) LINES_N=${1#-n} ;;
    -*) err "systemctl (dev host stand-in): unsupported option $1"; exit 1 ;;
    *) if [ -z "$verb" ]; then verb=$1; else units+=("$1"); fi ;;
  esac
  shift
done
[[ $LINES_N =~ ^[0-9]+$ ]] || LINES_N=10
case "$verb" in
  daemon-reload|daemon-reexec) exit 0 ;;
  __run) run_unit "$(unit_name "${units[0]}")" ;;
  __boot)  # start every enabled unit of multi-user.target (the host's "boot")
    rc=0
    for l in /etc/systemd/system/multi-user.target.wants/*; do
      U=${l##*/}
      load_unit "$U" || continue   # (the machine's services: not the host's)
      start_unit || rc=1
    done
    exit "$rc" ;;
  start|stop|restart|try-restart|reload-or-restart|try-reload-or-restart|condrestart|enable|disable|is-active|is-enabled|is-failed|status|reset-failed) ;;
  '') err "systemctl (dev host stand-in): listing units is not supported; give a verb (start, stop, status, ...)"; exit 1 ;;
  *) err "systemctl (dev host stand-in): unsupported command \"$verb\""; exit 1 ;;
esac
[ ${#units[@]} -gt 0 ] || [ "$verb" = reset-failed ] || { err "Too few arguments."; exit 1; }
mkdir -p "$RUN"
rc=0 any=1
for u in "${units[@]}"; do
  U=$(unit_name "$u") || { rc=1; continue; }
  case "$verb" in
    start) start_unit || rc=$? ;;
    stop) stop_unit || rc=$? ;;
    restart|reload-or-restart)
      if load_unit "$U"; then stop_unit; start_unit || rc=$?; else err "Failed to restart $U: Unit $U not found."; rc=5; fi ;;
    try-restart|try-reload-or-restart|condrestart)
      if load_unit "$U"; then
        case "$(active_state "$U")" in active|activating) stop_unit; start_unit || rc=$? ;; esac
      fi ;;
    enable) enable_unit || rc=1 ;;
    disable) disable_unit || rc=1 ;;
    is-active|is-failed)
      if load_unit "$U"; then s=$(active_state "$U"); else s=inactive; fi
      [ "$QUIET" = 1 ] || echo "$s"
      if [ "$verb" = is-active ] && [ "$s" = active ]; then any=0; fi
      if [ "$verb" = is-failed ] && [ "$s" = failed ]; then any=0; fi ;;
    is-enabled)
      if load_unit "$U"; then
        s=$(enabled_state "$U"); [ "$QUIET" = 1 ] || echo "$s"
        [ "$s" = disabled ] || any=0
      else
        err "Failed to get unit file state for $U: No such file or directory"; rc=1
      fi ;;
    status) status_unit; s=$?; [ "$s" = 0 ] || [ "$rc" -ne 0 ] || rc=$s ;;
    reset-failed) [ "$(active_state "$U")" != failed ] || set_state "$U" inactive ;;
  esac
done
case "$verb" in is-active|is-failed) [ "$any" = 0 ] || exit 3 ;; is-enabled) [ "$rc" = 0 ] && [ "$any" = 0 ] || exit 1 ;; esac
exit "$rc"
SYSTEMCTL
chmod 755 "$U/bin/kubelet" "$U/bin/crictl" "$U/bin/systemctl" "$U/bin/kubeadm" "$U/bin/fake-cri" "$U/lib/dev-host/kubelet"
chmod 644 "$U/lib/dev-host/kubelet-sim.env" "$U/lib/dev-host/units"
umask 077

# ---- start: the namespaces, the host's file systems, its "boot", then sshd as its PID 1
# The new /run is made in the state directory first and moved over /run, with the state's layers
# bound in it (the state directory itself may be under a directory the host covers). The staging
# mount /run/.dev-host-$ID stays named in the overlays' options: dev-host-down.sh finds the host's
# processes by it. /proc/sys is read-only in the host: nothing in it changes the machine's kernel.
# shellcheck disable=SC2016
SETUP='set -eu
umask 022
s=$1 name=$2 id=$3; shift 3
mount -n -t tmpfs -o mode=0755,nosuid,nodev dev-host-run "$s/mnt"
mkdir "$s/mnt/.dev-host-$id" "$s/mnt/dev-host"
mount -n --bind "$s/fs" "$s/mnt/.dev-host-$id"
mount -n --bind "$s/sshd" "$s/mnt/dev-host"
mount -n -o remount,bind,ro "$s/mnt/dev-host"
mount -n --move "$s/mnt" /run
for d in "$@"; do
  mount -n -t overlay "dev-host-$d" -o "lowerdir=/$d,upperdir=/run/.dev-host-$id/$d/upper,workdir=/run/.dev-host-$id/$d/work" "/$d"
done
umount -n "/run/.dev-host-$id"; rmdir "/run/.dev-host-$id"
mount -n -t tmpfs -o mode=1777,nosuid,nodev dev-host-tmp /tmp
mkdir -m 0755 /run/sshd /run/dev-host-sysctl; mkdir -m 0711 /run/containerd; mkdir -m 1777 /run/lock
hostname "$name"
mount -n --bind /proc/sys /proc/sys; mount -n -o remount,bind,ro /proc/sys
for f in /proc/sys/net/ipv4/ip_forward /proc/sys/net/bridge/bridge-nf-call-iptables; do
  if [ -e "$f" ] && [ "$(cat "$f")" != 1 ]; then
    echo 1 >"/run/dev-host-sysctl/${f##*/}"; mount -n --bind "/run/dev-host-sysctl/${f##*/}" "$f"
  fi
done
cd /
/usr/bin/systemctl __boot
echo "dev host $name: file systems ready, services started; exec sshd" >&2
exec /usr/sbin/sshd -D -e -f /run/dev-host/sshd_config'

log "starting host $NAME: sshd on $ADDRESS:$PORT in its own namespaces (layers in $STATE/fs)"
started=1
trap '[ "$started" = 0 ] || { _DEV_HOST_LOCK_HELD=1 DEV_HOST_KEEP=1 DEV_HOST_STATE_DIR=$STATE "$HERE/dev-host-down.sh" >&2 || true; }' EXIT
start_detached "$HOST_PID" "$STATE/host.log" env -i PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin \
  LANG=C.UTF-8 unshare --mount --uts --pid --fork --mount-proc --propagation private -- \
  bash -c "$SETUP" "$HOST_MARK" "$STATE" "$NAME" "$ID" "${layers[@]}"
for i in $(seq 1 150); do
  if pid=$(sshd_of_host); then echo "$pid" >"$SSHD_PID"; ssh_ok && break; fi
  alive "$(pid_of "$HOST_PID" || echo 0)" || { tail -20 "$STATE/host.log" >&2; die "the host exited; log: $STATE/host.log"; }
  [ "$i" -lt 150 ] || { tail -20 "$STATE/host.log" >&2; die "cannot log in after 30 s; log: $STATE/host.log"; }
  sleep 0.2
done
readlink "/proc/$(pid_of "$SSHD_PID")/ns/mnt" >"$STATE/mntns"
{
  printf 'DEV_HOST_NAME=%q\n' "$NAME"
  printf 'DEV_HOST_ADDRESS=%q\n' "$ADDRESS"
  printf 'DEV_HOST_PORT=%q\n' "$PORT"
  printf 'DEV_HOST_USER=root\n'
  printf 'DEV_HOST_KEY=%q\n' "$KEY"
  printf 'DEV_HOST_HOST_KEY=%q\n' "$HOST_KEY"
  printf 'DEV_HOST_KNOWN_HOSTS=%q\n' "$KNOWN_HOSTS"
  printf 'DEV_HOST_PID=%q\n' "$(pid_of "$SSHD_PID")"
  printf 'DEV_HOST_STATE_DIR=%q\n' "$STATE"
  printf 'DEV_HOST_KUBELET_PORT=%q\n' "$KPORT"
  printf 'DEV_HOST_KUBELET_HEALTHZ_PORT=%q\n' "$HPORT"
  printf 'DEV_HOST_LOG=%q\n' "$STATE/host.log"
} >"$STATE/env"
started=0
log "ready: root@$ADDRESS:$PORT, hostname $NAME (sshd pid $(pid_of "$SSHD_PID"))"
cat "$STATE/env"
