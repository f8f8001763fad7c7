/// Everything a worker needs to install its node software and join its cluster, already resolved
/// (file contents read from their Secrets, the join token minted). The `WorkerConfig` controller
/// builds one; `UserDataRenderer` turns it into user data without any I/O, so the same plan always
/// gives the same bytes.
public struct BootstrapPlan: Sendable, Hashable {
    /// The node software, matching the hosted control plane's.
    public enum Flavor: String, Sendable, Hashable, CaseIterable {
        /// `k0s install worker` with a k0s join token.
        case k0s
        /// `kubeadm join` with a bootstrap token and the discovery CA hash.
        case kubeadm
    }

    /// The user-data format the machine's image reads at first boot.
    public enum Format: String, Sendable, Hashable, CaseIterable {
        /// `#cloud-config` for cloud-init (Ubuntu, Debian, most cloud images).
        case cloudConfig = "cloud-config"
        /// Ignition v3 JSON (Flatcar, Fedora CoreOS).
        case ignition
    }

    /// Which node software: `k0s` or `kubeadm`.
    public var flavor: Flavor
    /// The node software's version: a Kubernetes version (`v1.31.2`) for kubeadm, a k0s version
    /// (`v1.31.2+k0s.0`) for k0s. The installed binary must report exactly this version.
    public var version: String
    /// Where the node software comes from.
    public var install: InstallMethod
    /// Files written before any command runs, in this order.
    public var files: [File]
    /// Shell commands run before the node software is installed, in this order.
    public var preCommands: [String]
    /// Shell commands run after the node has joined, in this order.
    public var postCommands: [String]
    /// Labels the node registers with.
    public var nodeLabels: [String: String]
    /// Taints the node registers with, in this order.
    public var taints: [Taint]
    /// Extra kubelet flags by name without the leading dashes (`max-pods` → `--max-pods=…`).
    public var kubeletExtraArgs: [String: String]
    /// The HTTP(S) proxy for installing, pulling images and reaching the API server; `nil` for none.
    public var proxy: Proxy?
    /// SSH public keys allowed to log in (the default user for cloud-init, `core` for Ignition).
    public var sshAuthorizedKeys: [String]
    /// NTP servers; empty keeps the image's own time settings.
    public var ntpServers: [String]
    /// The user-data format.
    public var format: Format
    /// How the node finds and authenticates to its API server.
    public var join: Join

    public init(
        flavor: Flavor,
        version: String,
        install: InstallMethod,
        files: [File] = [],
        preCommands: [String] = [],
        postCommands: [String] = [],
        nodeLabels: [String: String] = [:],
        taints: [Taint] = [],
        kubeletExtraArgs: [String: String] = [:],
        proxy: Proxy? = nil,
        sshAuthorizedKeys: [String] = [],
        ntpServers: [String] = [],
        format: Format = .cloudConfig,
        join: Join
    ) {
        self.flavor = flavor
        self.version = version
        self.install = install
        self.files = files
        self.preCommands = preCommands
        self.postCommands = postCommands
        self.nodeLabels = nodeLabels
        self.taints = taints
        self.kubeletExtraArgs = kubeletExtraArgs
        self.proxy = proxy
        self.sshAuthorizedKeys = sshAuthorizedKeys
        self.ntpServers = ntpServers
        self.format = format
        self.join = join
    }
}
