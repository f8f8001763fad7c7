import ClusterAPI
import ControlPlane
import Foundation
import KubeKit
import KubeKitTesting

/// A namespace on a private management server with `controlPlanes` Clusters, each with its
/// HostedControlPlane: the work one benchmark iteration does.
struct ControlPlaneBenchWorld: Sendable {
    /// Private keys a control plane's PKI generates from nothing: 3 CAs, the service-account
    /// key, 7 leaf certificates and 4 kubeconfigs.
    static let keysPerControlPlane = 15
    static let instance = "bench-controlplane"

    let client: KubeClient
    let namespace: String
    let names: [String]

    static func make(controlPlanes: Int) async throws -> ControlPlaneBenchWorld {
        let management = try await Envtest.start(instance: instance)
        try await management.installCRDs(EnvtestServer.capiCRDPaths(["clusters"]))
        try await management.installCRDs(for: HostedControlPlaneReconciler.kinds)
        let client = try management.adminClient()
        let namespace = "bench-" + UUID().uuidString.prefix(8).lowercased()
        _ = try await client.create(Namespace(metadata: ObjectMeta(name: namespace)))
        let names = (0..<controlPlanes).map { String(format: "tenant-%03d", $0) }
        try await concurrently(names, concurrency: 10) { name in
            // A loopback address nothing listens on: the controller's /readyz probe is refused at
            // once and no traffic leaves the machine.
            let host = "127.0.1.\(Int(name.suffix(3))! + 1)"
            let cluster = try await client.create(Cluster(
                metadata: ObjectMeta(name: name, namespace: namespace),
                spec: Cluster.Spec(controlPlaneRef: ContractVersionedObjectReference(apiGroup: ControlPlaneAPI.group, kind: "HostedControlPlane", name: name))))
            var metadata = ObjectMeta(name: name, namespace: namespace, labels: [ClusterAPIGroup.clusterNameLabel: name])
            metadata.ownerReferences = [OwnerReference(apiVersion: Cluster.resource.apiVersion, kind: "Cluster", name: name, uid: cluster.metadata.uid ?? "")]
            _ = try await client.create(HostedControlPlane(
                metadata: metadata,
                spec: HostedControlPlane.Spec(
                    version: "v1.31.2", flavor: .kubeadm, replicas: 3,
                    controlPlaneEndpoint: APIEndpoint(host: host, port: 6443),
                    datastore: HostedControlPlane.Datastore(type: .etcd))))
        }
        return ControlPlaneBenchWorld(client: client, namespace: namespace, names: names)
    }

    /// Deletes the iteration's Services: without a controller manager the namespace is never
    /// emptied, and the next iterations would run out of cluster IPs.
    func releaseServiceAddresses() async throws {
        try await concurrently(names, concurrency: 10) { name in
            try await client.delete(resource: ManifestResources.service, name: "\(name)-control-plane", namespace: namespace)
        }
    }

    static func stopServer() async throws {
        try await Envtest.stop(try await Envtest.start(instance: instance))
    }

    /// Reconciles every control plane until its certificates are available and its status
    /// reports the selector, `concurrency` at a time; the wall-clock time it took.
    func reconcileAll(concurrency: Int) async throws -> Duration {
        let reconciler = HostedControlPlaneReconciler(client: client)
        let start = ContinuousClock.now
        try await concurrently(names, concurrency: concurrency) { name in
            for _ in 0..<3 {
                _ = try await reconciler.reconcile(ReconcileRequest(namespace: namespace, name: name))
                let status = try await client.get(HostedControlPlane.self, name: name, namespace: namespace).status
                if status?.selector != nil, status?.conditions?[type: "CertificatesAvailable"]?.status == .true { return }
            }
            throw EnvtestError(message: "HostedControlPlane \(namespace)/\(name) has no certificates or selector after 3 passes")
        }
        return ContinuousClock.now - start
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
