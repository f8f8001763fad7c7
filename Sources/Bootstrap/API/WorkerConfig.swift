import KubeKit

/// How one worker machine joins its hosted control plane (`bootstrap.mothership.dev/v1beta1`):
/// the node software and how to install it, extra files and commands, node labels and taints.
/// The controller turns it into user data in a Secret named by `status.dataSecretName`, which
/// the machine's infrastructure provider boots the machine with. CAPI core creates one per
/// Machine from a ``WorkerConfigTemplate``.
public struct WorkerConfig: CustomResource, Hashable {
    public static let resource = ResourceDescriptor(
        group: BootstrapAPI.group, version: BootstrapAPI.version, kind: "WorkerConfig", plural: "workerconfigs", namespaced: true)

    public var metadata: ObjectMeta
    public var spec: Spec
    public var status: Status?

    public init(metadata: ObjectMeta, spec: Spec = Spec(), status: Status? = nil) {
        self.metadata = metadata
        self.spec = spec
        self.status = status
    }

    /// What the worker installs and runs to join.
    public struct Spec: Codable, Sendable, Hashable {
        /// The node software, matching the control plane's: `k0s` (default) or `kubeadm`.
        public var flavor: Flavor?
        /// The Kubernetes version to install (k0s: its own version string, e.g.
        /// `v1.31.2+k0s.0`); default: the Machine's `spec.version`.
        public var version: String?
        /// Where the node software comes from; default: downloaded from its upstream release.
        public var install: Install?
        /// Files written before the node software is installed.
        public var files: [File]?
        /// Shell commands run before installing and joining.
        public var preCommands: [String]?
        /// Shell commands run after a successful join.
        public var postCommands: [String]?
        /// Labels the node registers with.
        public var nodeLabels: [String: String]?
        /// Taints the node registers with.
        public var taints: [Taint]?
        /// Extra kubelet flags, without the leading dashes (`max-pods: "200"`).
        public var kubeletExtraArgs: [String: String]?
        /// An HTTP(S) proxy for installing and for the node's container runtime.
        public var proxy: Proxy?
        /// Public keys allowed to log in over SSH.
        public var sshAuthorizedKeys: [String]?
        /// NTP servers for the node's clock (joining fails on a badly skewed clock).
        public var ntpServers: [String]?
        /// The user-data format: `cloud-config` (default) or `ignition` (Flatcar, Fedora CoreOS).
        public var format: Format?
        /// How long a join token lives before it is extended (while the machine has not joined),
        /// as a duration such as `15m` or `2h`; default 15 minutes.
        public var joinTokenTTL: String?

        public init(flavor: Flavor? = nil, version: String? = nil, install: Install? = nil, files: [File]? = nil, format: Format? = nil) {
            self.flavor = flavor
            self.version = version
            self.install = install
            self.files = files
            self.format = format
        }
    }

    public enum Flavor: String, Codable, Sendable, Hashable, CaseIterable {
        case k0s, kubeadm
    }

    public enum Format: String, Codable, Sendable, Hashable, CaseIterable {
        case cloudConfig = "cloud-config"
        case ignition
    }

    /// Where the node software comes from.
    public struct Install: Codable, Sendable, Hashable {
        public enum Method: String, Codable, Sendable, Hashable, CaseIterable {
            /// Download the binaries from `url` (an upstream release or an air-gapped mirror).
            case download
            /// The image already has them.
            case preinstalled
            /// Download an offline bundle (binaries and container images) from `url`.
            case bundle
        }

        public var method: Method
        /// Where to download from; for `download` defaults to the upstream release.
        public var url: String?
        /// The SHA-256 of what `url` serves, hex; checked before anything runs.
        public var sha256: String?

        public init(method: Method, url: String? = nil, sha256: String? = nil) {
            self.method = method
            self.url = url
            self.sha256 = sha256
        }
    }

    /// A file written onto the machine: inline content or a key of a Secret or ConfigMap in
    /// the WorkerConfig's namespace.
    public struct File: Codable, Sendable, Hashable {
        public enum Encoding: String, Codable, Sendable, Hashable {
            case plain
            case base64
            case gzipBase64 = "gzip+base64"
        }

        /// Absolute path on the machine.
        public var path: String
        /// The content, inline. Exactly one of `content` and `contentFrom`.
        public var content: String?
        public var contentFrom: Source?
        /// Octal mode, e.g. `0644` (default) or `0600`.
        public var permissions: String?
        /// `user:group`, default `root:root`.
        public var owner: String?
        /// How `content` is encoded; default `plain`.
        public var encoding: Encoding?

        public init(path: String, content: String? = nil, contentFrom: Source? = nil, permissions: String? = nil) {
            self.path = path
            self.content = content
            self.contentFrom = contentFrom
            self.permissions = permissions
        }
    }

    /// A key of a Secret or a ConfigMap holding a file's content.
    public struct Source: Codable, Sendable, Hashable {
        public var secret: KeyReference?
        public var configMap: KeyReference?

        public init(secret: KeyReference? = nil, configMap: KeyReference? = nil) {
            self.secret = secret
            self.configMap = configMap
        }
    }

    public struct KeyReference: Codable, Sendable, Hashable {
        public var name: String
        public var key: String

        public init(name: String, key: String) {
            self.name = name
            self.key = key
        }
    }

    /// A node taint (`v1.Taint` without `timeAdded`).
    public struct Taint: Codable, Sendable, Hashable {
        public var key: String
        public var value: String?
        /// `NoSchedule`, `PreferNoSchedule` or `NoExecute`.
        public var effect: String

        public init(key: String, value: String? = nil, effect: String) {
            self.key = key
            self.value = value
            self.effect = effect
        }
    }

    public struct Proxy: Codable, Sendable, Hashable {
        public var httpProxy: String?
        public var httpsProxy: String?
        /// Hosts, domains and CIDRs reached directly.
        public var noProxy: [String]?
    }

    /// What the controller reports.
    public struct Status: Codable, Sendable, Hashable {
        /// The Secret holding the user data (key `value`), once written.
        public var dataSecretName: String?
        public var initialization: Initialization?
        /// True once the data Secret exists, for readers of the v1beta1 contract.
        public var ready: Bool?
        public var conditions: [Condition]?
        public var observedGeneration: Int64?

        public init(dataSecretName: String? = nil, initialization: Initialization? = nil, ready: Bool? = nil, conditions: [Condition]? = nil) {
            self.dataSecretName = dataSecretName
            self.initialization = initialization
            self.ready = ready
            self.conditions = conditions
        }
    }

    /// The v1beta2 contract's initialization report.
    public struct Initialization: Codable, Sendable, Hashable {
        /// The data Secret has been created.
        public var dataSecretCreated: Bool?

        public init(dataSecretCreated: Bool? = nil) { self.dataSecretCreated = dataSecretCreated }
    }
}
