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
        // The user data is rendered with the token before the token is stored, so a config that
        // cannot render leaves no token behind in the hosted cluster.
        let existing = try await tokens.find(for: config.ownerKey)?.token
        let token = existing ?? BootstrapToken.generate()
        let userData: UserData
        do {
            let plan = try BootstrapPlan(
                config: config, version: version, files: files.map { BootstrapPlan.File($0.file, content: $0.content.value) },
                machineName: machine.metadata.name,
                join: BootstrapPlan.Join(apiServerEndpoint: "https://\(host):\(port)", token: token.token, caCertificatePEM: caPEM))
            userData = try UserDataRenderer.render(plan, sizeLimit: userDataLimit)
        } catch let error as WorkerConfigError {
            throw Failure(reason: "InvalidInstall", message: "\(error)", terminal: true)
        } catch {
            throw Failure(reason: "InvalidUserData", message: "\(error)", terminal: true)
        }
        if existing == nil { try await tokens.create(token, for: config.ownerKey, ttl: ttl) }
        return userData
    }
}
