import KubeKit

extension BootstrapPlan {
    /// The plan for a worker of `config`: its settings, `files` with their content in hand,
    /// the Kubernetes `version`, a label naming the Machine, and the `join` material. Used by
    /// the controller and by `mothership render bootstrap`.
    public init(config: WorkerConfig, version: String, files: [File], machineName: String?, join: Join) throws(WorkerConfigError) {
        var labels = config.spec.nodeLabels ?? [:]
        if let machineName { labels[WorkerConfigReconciler.machineLabel] = WorkerConfigReconciler.labelValue(machineName: machineName) }
        self.init(
            flavor: config.spec.flavor == .kubeadm ? .kubeadm : .k0s,
            version: version,
            install: try Self.installMethod(config.spec.install),
            files: files,
            preCommands: config.spec.preCommands ?? [],
            postCommands: config.spec.postCommands ?? [],
            nodeLabels: labels,
            taints: (config.spec.taints ?? []).map { Taint(key: $0.key, value: $0.value, effect: $0.effect) },
            kubeletExtraArgs: config.spec.kubeletExtraArgs ?? [:],
            proxy: config.spec.proxy.map { Proxy(httpProxy: $0.httpProxy, httpsProxy: $0.httpsProxy, noProxy: $0.noProxy ?? []) },
            sshAuthorizedKeys: config.spec.sshAuthorizedKeys ?? [],
            ntpServers: config.spec.ntpServers ?? [],
            format: config.spec.format == .ignition ? .ignition : .cloudConfig,
            join: join)
    }

    private static func installMethod(_ install: WorkerConfig.Install?) throws(WorkerConfigError) -> InstallMethod {
        guard let install, install.method != .preinstalled else { return .preinstalled }
        guard let url = install.url, let sha256 = install.sha256 else { throw .installSourceMissing(method: install.method.rawValue) }
        return install.method == .bundle ? .bundle(url: url, sha256: sha256) : .download(url: url, sha256: sha256)
    }
}

extension BootstrapPlan.File {
    /// A WorkerConfig file with inline content.
    public init(_ file: WorkerConfig.File, content: String) {
        let encoding: Encoding
        switch file.encoding ?? .plain {
        case .plain: encoding = .plain
        case .base64: encoding = .base64
        case .gzipBase64: encoding = .gzipBase64
        }
        self.init(path: file.path, content: content, permissions: file.permissions, owner: file.owner, encoding: encoding)
    }
}

/// A WorkerConfig whose spec cannot become user data; only its author can fix it.
public enum WorkerConfigError: Error, Sendable, Hashable, CustomStringConvertible {
    /// `download` and `bundle` need `install.url` and `install.sha256`.
    case installSourceMissing(method: String)

    public var description: String {
        switch self {
        case .installSourceMissing(let method): return "spec.install.url and spec.install.sha256 are required for \(method)"
        }
    }
}
