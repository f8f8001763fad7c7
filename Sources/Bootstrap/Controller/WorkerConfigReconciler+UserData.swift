import ClusterAPI
import Foundation
import KubeKit

extension WorkerConfigReconciler {
    /// The user data for `config`'s machine: its join token (reused when one exists), the
    /// hosted API endpoint and CA, the resolved files and the spec's settings.
    func renderUserData(config: WorkerConfig, machine: Machine, cluster: Cluster, tokens: JoinTokens, ttl: Duration) async throws -> UserData {
        let namespace = config.metadata.namespace ?? ""
        guard let host = cluster.spec.controlPlaneEndpoint?.host, !host.isEmpty, let port = cluster.spec.controlPlaneEndpoint?.port, port > 0 else {
            throw Failure(reason: "WaitingForControlPlaneEndpoint", message: "the Cluster has no spec.controlPlaneEndpoint yet")
        }
        let caSecret = "\(cluster.metadata.name ?? "")-ca"
        guard let ca = try? await client.get(Secret.self, name: caSecret, namespace: namespace),
            let caPEM = ca.data?["tls.crt"].flatMap({ String(data: $0, encoding: .utf8) })
        else {
            throw Failure(reason: "WaitingForClusterCA", message: "the cluster CA Secret \(namespace)/\(caSecret) (key tls.crt) does not exist yet")
        }
        guard let version = config.spec.version ?? machine.spec.version else {
            throw Failure(reason: "InvalidVersion", message: "neither spec.version nor the Machine's spec.version is set", terminal: true)
        }
        let files: [ResolvedFile]
        do {
            files = try await ResolvedFile.resolve(config.spec.files ?? [], namespace: namespace, client: client)
        } catch {
            throw Failure(reason: "InvalidFile", message: "\(error)", terminal: error.isTerminal)
        }
        let token: BootstrapToken
        if let existing = try await tokens.find(for: config.ownerKey)?.token {
            token = existing
        } else {
            token = try await tokens.create(for: config.ownerKey, ttl: ttl)
        }
        var labels = config.spec.nodeLabels ?? [:]
        labels[Self.machineLabel] = Self.labelValue(machineName: machine.metadata.name ?? "")
        let plan = BootstrapPlan(
            flavor: config.spec.flavor == .kubeadm ? .kubeadm : .k0s,
            version: version,
            install: try Self.installMethod(config.spec.install),
            files: files.map { file in
                BootstrapPlan.File(path: file.path, content: file.content.value, permissions: file.permissions, owner: file.owner, encoding: Self.encoding(file.encoding))
            },
            preCommands: config.spec.preCommands ?? [],
            postCommands: config.spec.postCommands ?? [],
            nodeLabels: labels,
            taints: (config.spec.taints ?? []).map { BootstrapPlan.Taint(key: $0.key, value: $0.value, effect: $0.effect) },
            kubeletExtraArgs: config.spec.kubeletExtraArgs ?? [:],
            proxy: config.spec.proxy.map { BootstrapPlan.Proxy(httpProxy: $0.httpProxy, httpsProxy: $0.httpsProxy, noProxy: $0.noProxy ?? []) },
            sshAuthorizedKeys: config.spec.sshAuthorizedKeys ?? [],
            ntpServers: config.spec.ntpServers ?? [],
            format: config.spec.format == .ignition ? .ignition : .cloudConfig,
            join: BootstrapPlan.Join(apiServerEndpoint: "https://\(host):\(port)", token: token.token, caCertificatePEM: caPEM))
        do {
            return try UserDataRenderer.render(plan, sizeLimit: userDataLimit)
        } catch {
            throw Failure(reason: "InvalidUserData", message: "\(error)", terminal: true)
        }
    }

    private static func installMethod(_ install: WorkerConfig.Install?) throws -> BootstrapPlan.InstallMethod {
        guard let install, install.method != .preinstalled else { return .preinstalled }
        guard let url = install.url, let sha256 = install.sha256 else {
            throw Failure(reason: "InvalidInstall", message: "spec.install.url and spec.install.sha256 are required for \(install.method.rawValue)", terminal: true)
        }
        return install.method == .bundle ? .bundle(url: url, sha256: sha256) : .download(url: url, sha256: sha256)
    }

    private static func encoding(_ encoding: WorkerConfig.File.Encoding) -> BootstrapPlan.File.Encoding {
        switch encoding {
        case .plain: return .plain
        case .base64: return .base64
        case .gzipBase64: return .gzipBase64
        }
    }
}
