import Bootstrap
import ClusterAPI
import Foundation
import KubeKit
import KubeKitTesting

/// A namespace on the management server with an initialized Cluster wired to a hosted server,
/// and `configs` Machines each owning a WorkerConfig: the work one benchmark iteration does.
struct BootstrapWorld: Sendable {
    let client: KubeClient
    let namespace: String
    let names: [String]
    /// The size of the user data the controller writes, for raw writes of the same size.
    let userDataBytes = 6_000

    static func make(configs: Int) async throws -> BootstrapWorld {
        let management = try await Envtest.start(instance: "bench-management")
        let hosted = try await Envtest.start(instance: "bench-hosted")
        try await management.installCRDs(EnvtestServer.capiCRDPaths(["clusters", "machines"]))
        try await management.installCRDs(for: [WorkerConfig.self])
        let client = try management.adminClient()
        let namespace = "bench-" + UUID().uuidString.prefix(8).lowercased()
        _ = try await client.create(Namespace(metadata: ObjectMeta(name: namespace)))
        _ = try await client.create(Secret(
            metadata: ObjectMeta(name: "edge-kubeconfig", namespace: namespace), type: "cluster.x-k8s.io/secret",
            stringData: ["value": try String(contentsOfFile: hosted.kubeconfigPath, encoding: .utf8)]))
        _ = try await client.create(Secret(
            metadata: ObjectMeta(name: "edge-ca", namespace: namespace), type: "cluster.x-k8s.io/secret",
            stringData: ["tls.crt": try String(contentsOfFile: hosted.caCertificatePath, encoding: .utf8)]))
        _ = try await client.create(Cluster(
            metadata: ObjectMeta(name: "edge", namespace: namespace), spec: Cluster.Spec(controlPlaneEndpoint: APIEndpoint(host: "127.0.0.1", port: 6443))))
        _ = try await client.patch(
            Cluster.self, name: "edge", namespace: namespace,
            patch: .merge(["status": ["initialization": ["infrastructureProvisioned": true, "controlPlaneInitialized": true]]]), subresource: "status")
        let names = (0..<configs).map { String(format: "worker-%04d", $0) }
        try await concurrently(names, concurrency: 10) { name in
            let machine = try await client.create(Machine(
                metadata: ObjectMeta(name: name, namespace: namespace, labels: [ClusterAPIGroup.clusterNameLabel: "edge"]),
                spec: Machine.Spec(
                    clusterName: "edge",
                    bootstrap: Machine.Bootstrap(configRef: ContractVersionedObjectReference(apiGroup: WorkerConfig.resource.group, kind: "WorkerConfig", name: name)),
                    infrastructureRef: ContractVersionedObjectReference(apiGroup: "infrastructure.mothership.dev", kind: "SSHMachine", name: name),
                    version: "v1.31.2")))
            var metadata = ObjectMeta(name: name, namespace: namespace, labels: [ClusterAPIGroup.clusterNameLabel: "edge"])
            metadata.ownerReferences = [OwnerReference(
                apiVersion: Machine.resource.apiVersion, kind: "Machine", name: name, uid: machine.metadata.uid ?? "", controller: true, blockOwnerDeletion: true)]
            _ = try await client.create(WorkerConfig(metadata: metadata, spec: WorkerConfig.Spec(flavor: .kubeadm)))
        }
        return BootstrapWorld(client: client, namespace: namespace, names: names)
    }

    static func stopServers() async throws {
        for instance in ["bench-management", "bench-hosted"] {
            try await Envtest.stop(try await Envtest.start(instance: instance))
        }
    }

    /// Secrets of the user data's size created per second by `concurrency` writers.
    func rawSecretWriteRate(concurrency: Int) async throws -> Double {
        let payload = Data(repeating: 0x61, count: userDataBytes)
        let start = ContinuousClock.now
        try await concurrently(names, concurrency: concurrency) { name in
            _ = try await client.create(Secret(metadata: ObjectMeta(name: "raw-\(name)", namespace: namespace), data: ["value": payload]))
        }
        return Double(names.count) / Self.seconds(ContinuousClock.now - start)
    }

    /// WorkerConfigs reconciled to a data Secret per second by `concurrency` workers.
    func reconcileRate(concurrency: Int) async throws -> Double {
        let reconciler = WorkerConfigReconciler(client: client)
        let start = ContinuousClock.now
        try await concurrently(names, concurrency: concurrency) { name in
            _ = try await reconciler.reconcile(ReconcileRequest(namespace: namespace, name: name))
        }
        let elapsed = ContinuousClock.now - start
        let written = try await client.list(Secret.self, namespace: namespace, options: ListOptions(labelSelector: [ClusterAPIGroup.clusterNameLabel: "edge"]))
        guard written.items.count == names.count else {
            throw EnvtestError(message: "\(written.items.count) of \(names.count) data Secrets written")
        }
        return Double(names.count) / Self.seconds(elapsed)
    }

    static func seconds(_ duration: Duration) -> Double {
        Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
    }
}

/// Runs `body` for each of `items`, `concurrency` at a time.
func concurrently(_ items: [String], concurrency: Int, _ body: @escaping @Sendable (String) async throws -> Void) async throws {
    try await withThrowingTaskGroup(of: Void.self) { group in
        for first in 0..<concurrency {
            group.addTask {
                for index in stride(from: first, to: items.count, by: concurrency) { try await body(items[index]) }
            }
        }
        try await group.waitForAll()
    }
}
