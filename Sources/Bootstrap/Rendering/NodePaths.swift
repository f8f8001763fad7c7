/// Where the renderer puts what it writes on the node, in one place so scripts, units and tests
/// agree.
enum NodePaths {
    /// The script that installs the node software and joins; root-only.
    static let bootstrapScript = "/usr/local/sbin/mothership-bootstrap.sh"
    /// Ignition only: runs the plan's commands around the bootstrap script, as cloud-init's runcmd.
    static let commandsScript = "/usr/local/sbin/mothership-commands.sh"
    /// Ignition only: its presence keeps the bootstrap service from running again after a reboot.
    static let bootstrapDone = "/var/lib/mothership/bootstrap.done"
    /// Ignition only: the systemd unit that runs `commandsScript` once the network is online.
    static let bootstrapUnit = "mothership-bootstrap.service"
    /// Where downloaded and bundled binaries are installed.
    static let binDirectory = "/usr/local/bin"
    /// The k0s join token, read by `k0s install worker --token-file`.
    static let k0sJoinToken = "/etc/k0s/join-token"
    /// Where k0s imports bundled image archives from when the worker starts.
    static let k0sImages = "/var/lib/k0s/images"
    /// The kubeadm `JoinConfiguration`, which holds the token.
    static let kubeadmJoinConfiguration = "/etc/mothership/kubeadm-join-config.yaml"
    /// The kubelet unit installed with downloaded or bundled kubeadm binaries.
    static let kubeletUnit = "/etc/systemd/system/kubelet.service"
    /// kubeadm's drop-in that hands the kubelet its bootstrap kubeconfig and flags.
    static let kubeletKubeadmDropIn = "/etc/systemd/system/kubelet.service.d/10-kubeadm.conf"
    /// The proxy variables, in a format both `sh` and systemd's `EnvironmentFile=` read.
    static let proxyEnvironment = "/etc/mothership/proxy.env"
    /// Ignition only: the NTP servers for systemd-timesyncd.
    static let timesyncdDropIn = "/etc/systemd/timesyncd.conf.d/mothership-ntp.conf"
    /// The Cluster API bootstrap success sentinel, touched when the join succeeded.
    static let successSentinel = "/run/cluster-api/bootstrap-success.complete"

    /// The systemd drop-in that gives `service` the proxy environment.
    static func proxyDropIn(for service: String) -> String {
        "/etc/systemd/system/\(service).d/mothership-proxy.conf"
    }
}

extension String {
    /// The path up to its last `/`.
    var parentDirectory: String {
        String(self[..<(lastIndex(of: "/") ?? startIndex)])
    }
}
