extension BootstrapPlan {
    /// Where the node software comes from. Downloads are checked against their SHA-256 before
    /// anything from them is installed; binaries go to `/usr/local/bin`.
    public enum InstallMethod: Sendable, Hashable {
        /// Download from `url` (an http(s) mirror, e.g. inside an air-gapped network) and check
        /// `sha256` (64 hex digits). For k0s, the `k0s` binary; for kubeadm, a Kubernetes node
        /// tarball (`kubernetes-node-linux-<arch>.tar.gz`) whose `kubernetes/node/bin/` holds
        /// `kubeadm`, `kubelet` and `kubectl`. The image provides the container runtime for kubeadm.
        case download(url: String, sha256: String)
        /// The image already has the node software on its `PATH` (and, for kubeadm, the kubelet
        /// service and a container runtime).
        case preinstalled
        /// Download an offline bundle tarball from `url` and check `sha256`: its `bin/` holds the
        /// binaries (`k0s`, or `kubeadm`, `kubelet`, `kubectl`), its optional `images/` the image
        /// archives (handed to k0s in `/var/lib/k0s/images`, or imported into containerd's
        /// `k8s.io` namespace for kubeadm), so nothing else is pulled from outside.
        case bundle(url: String, sha256: String)
    }
}
