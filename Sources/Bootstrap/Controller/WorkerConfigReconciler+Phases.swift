import ClusterAPI
import Crypto
import Foundation
import KubeKit

extension WorkerConfigReconciler {
    /// Waits for the Machine and the Cluster, then writes the data Secret once and looks after
    /// the join token until the node has joined.
    func reconcileNormal(_ config: inout WorkerConfig) async throws -> Outcome {
        let namespace = config.metadata.namespace ?? ""
        guard let machineReference = config.ownerMachineReference,
            let machine = try await getIfPresent(Machine.self, name: machineReference.name, namespace: namespace)
        else {
            config.setDataSecretCondition(.false, reason: "WaitingForMachine", message: "no Machine owns this WorkerConfig yet")
            return Outcome(result: .done)
        }
        let clusterName = config.clusterName ?? machine.spec.clusterName
        guard let cluster = try await getIfPresent(Cluster.self, name: clusterName, namespace: namespace) else {
            config.setDataSecretCondition(.false, reason: "WaitingForCluster", message: "Cluster \(namespace)/\(clusterName) does not exist yet")
            return Outcome(result: .done)
        }
        setPausedCondition(&config, paused: config.isPaused(cluster: cluster))
        if config.isPaused(cluster: cluster) { return Outcome(result: .done) }
        guard cluster.status?.initialization?.infrastructureProvisioned == true else {
            config.setDataSecretCondition(.false, reason: "WaitingForClusterInfrastructure", message: "the Cluster's infrastructure is not provisioned yet")
            return Outcome(result: .done)
        }
        guard cluster.status?.initialization?.controlPlaneInitialized == true else {
            config.setDataSecretCondition(.false, reason: "WaitingForControlPlaneInitialized", message: "the Cluster's control plane is not initialized yet")
            return Outcome(result: .done)
        }
        let hosted: KubeClient
        do {
            hosted = try await hostedClusters.client(forCluster: clusterName, namespace: namespace)
        } catch let error as HostedClusterError {
            throw Failure(reason: "HostedClusterUnreachable", message: "\(error)")
        }
        let tokens = JoinTokens(hosted: hosted)
        let ttl = try Self.tokenTTL(config.spec.joinTokenTTL)
        if config.status?.initialization?.dataSecretCreated == true {
            return try await maintainToken(config: config, machine: machine, tokens: tokens, hosted: hosted, ttl: ttl)
        }
        let userData = try await renderUserData(config: config, machine: machine, cluster: cluster, tokens: tokens, ttl: ttl)
        try await writeDataSecret(userData, config: config, clusterName: clusterName)
        var status = config.status ?? WorkerConfig.Status()
        status.dataSecretName = config.metadata.name
        status.initialization = WorkerConfig.Initialization(dataSecretCreated: true)
        status.ready = true
        config.status = status
        config.setDataSecretCondition(.true, reason: "DataSecretCreated")
        await events?.record(.normal, reason: "DataSecretCreated", action: "Bootstrap", note: "user data written to Secret \(namespace)/\(config.metadata.name ?? "")", regarding: config)
        return Outcome(result: .requeue(after: Self.checkInterval(ttl)))
    }

    /// Until the Machine has its Node: gives the Node its providerID and keeps the token from
    /// expiring. Then deletes the token.
    private func maintainToken(config: WorkerConfig, machine: Machine, tokens: JoinTokens, hosted: KubeClient, ttl: Duration) async throws -> Outcome {
        let found = try await tokens.find(for: config.ownerKey)
        if machine.status?.nodeRef != nil {
            if let (token, _) = found { try await tokens.delete(token) }
            return Outcome(result: .done)
        }
        try await setProviderID(of: machine, in: hosted)
        if let (token, expiration) = found, let expiration, expiration.timeIntervalSinceNow < ttl.seconds / 3 {
            try await tokens.extend(token, ttl: ttl)
        }
        return Outcome(result: .requeue(after: Self.checkInterval(ttl)))
    }

    /// The Node registered for `machine` gets the Machine's providerID, so CAPI can match them
    /// without a cloud provider in the hosted cluster.
    private func setProviderID(of machine: Machine, in hosted: KubeClient) async throws {
        guard let providerID = machine.spec.providerID, let name = machine.metadata.name else { return }
        let nodes = try await hosted.list(
            UnstructuredObject.self, resource: Self.nodes,
            options: ListOptions(labelSelector: [Self.machineLabel: Self.labelValue(machineName: name)]))
        for node in nodes.items where (node["spec"]?["providerID"]?.stringValue ?? "").isEmpty {
            _ = try await hosted.patch(
                UnstructuredObject.self, resource: Self.nodes, name: node.metadata.name ?? "", patch: .merge(["spec": ["providerID": .string(providerID)]]))
            logger.info("set the node's providerID", metadata: ["node": "\(node.metadata.name ?? "")", "providerID": "\(providerID)"])
        }
    }

    private func writeDataSecret(_ userData: UserData, config: WorkerConfig, clusterName: String) async throws {
        let secret = Secret(
            metadata: ObjectMeta(name: config.metadata.name, namespace: config.metadata.namespace, labels: [ClusterAPIGroup.clusterNameLabel: clusterName]),
            type: "cluster.x-k8s.io/secret",
            data: ["value": Data(userData.bytes), "format": Data(userData.format.rawValue.utf8)])
        try await applier.apply(secret, ownedBy: config)
    }

    private func setPausedCondition(_ config: inout WorkerConfig, paused: Bool) {
        var conditions = config.status?.conditions ?? []
        conditions.set(Condition(
            type: "Paused", status: paused ? .true : .false, reason: paused ? "Paused" : "NotPaused",
            observedGeneration: config.metadata.generation))
        var status = config.status ?? WorkerConfig.Status()
        status.conditions = conditions
        config.status = status
    }

    private func getIfPresent<T: KubeResource>(_ type: T.Type, name: String, namespace: String) async throws -> T? {
        do {
            return try await client.get(T.self, name: name, namespace: namespace)
        } catch let error as KubeError where error.code == .notFound {
            return nil
        }
    }

    static let nodes = ResourceDescriptor(group: "", version: "v1", kind: "Node", plural: "nodes", namespaced: false)

    /// The Node label value naming a Machine: its name, or a digest of it when too long for a label.
    static func labelValue(machineName name: String) -> String {
        if name.count <= 63 { return name }
        let digest = SHA256.hash(data: Data(name.utf8)).map { String(format: "%02x", $0) }.joined()
        return "\(name.prefix(50))-\(digest.prefix(12))"
    }

    /// `spec.joinTokenTTL` (`15m`, `2h`, `1h30m`), 15 minutes when unset.
    static func tokenTTL(_ text: String?) throws -> Duration {
        guard let text, !text.isEmpty else { return .seconds(900) }
        guard let match = text.wholeMatch(of: /(?:(\d+)h)?(?:(\d+)m)?(?:(\d+)s)?/) else {
            throw Failure(reason: "InvalidJoinTokenTTL", message: "spec.joinTokenTTL \(text) is not a duration such as 15m or 2h", terminal: true)
        }
        let hours: Int64 = match.1.flatMap { Int64($0) } ?? 0
        let minutes: Int64 = match.2.flatMap { Int64($0) } ?? 0
        let secondsPart: Int64 = match.3.flatMap { Int64($0) } ?? 0
        let seconds = hours * 3600 + minutes * 60 + secondsPart
        guard seconds >= 60 else {
            throw Failure(reason: "InvalidJoinTokenTTL", message: "spec.joinTokenTTL \(text) is shorter than a minute", terminal: true)
        }
        return .seconds(seconds)
    }

    /// How often to look after a token: a third of its lifetime, at most every 30 seconds.
    static func checkInterval(_ ttl: Duration) -> Duration { min(ttl / 3, .seconds(30)) }
}
