import ClusterAPI
import ControlPlane
import Foundation
import KubeKit
import KubeKitTesting

/// A management namespace with the Cluster `edge` and its HostedControlPlane `edge` of `spec`,
/// on the shared real API server with the real CAPI CRDs.
struct ControlPlaneWorld {
    let namespace: String
    let client: KubeClient
    let reconciler: HostedControlPlaneReconciler
    var request: ReconcileRequest { ReconcileRequest(namespace: namespace, name: "edge") }

    /// The CAPI Cluster CRD and ours, installed once per test process: the Cluster CRD is
    /// large, and many tests applying it at once on a busy machine time out.
    private static let crdsInstalled = Task<Void, any Error> {
        let management = try await Envtest.shared()
        try await management.installCRDs(EnvtestServer.capiCRDPaths(["clusters"]))
        try await management.installCRDs(for: HostedControlPlaneReconciler.kinds)
    }

    static func make(namespace: String, client: KubeClient, spec: HostedControlPlane.Spec, pollInterval: Duration = .seconds(10)) async throws -> ControlPlaneWorld {
        try await crdsInstalled.value
        let cluster = try await client.create(Cluster(
            metadata: ObjectMeta(name: "edge", namespace: namespace),
            spec: Cluster.Spec(controlPlaneRef: ContractVersionedObjectReference(apiGroup: ControlPlaneAPI.group, kind: "HostedControlPlane", name: "edge"))))
        var metadata = ObjectMeta(name: "edge", namespace: namespace, labels: [ClusterAPIGroup.clusterNameLabel: "edge"])
        metadata.ownerReferences = [OwnerReference(apiVersion: Cluster.resource.apiVersion, kind: "Cluster", name: "edge", uid: cluster.metadata.uid ?? "")]
        _ = try await client.create(HostedControlPlane(metadata: metadata, spec: spec))
        return ControlPlaneWorld(namespace: namespace, client: client, reconciler: HostedControlPlaneReconciler(client: client, pollInterval: pollInterval))
    }

    func controlPlane() async throws -> HostedControlPlane { try await client.get(HostedControlPlane.self, name: "edge", namespace: namespace) }

    func condition(_ type: String) async throws -> Condition? { try await controlPlane().status?.conditions?[type: type] }

    func object(_ resource: ResourceDescriptor, _ name: String) async throws -> UnstructuredObject {
        try await client.get(UnstructuredObject.self, resource: resource, name: name, namespace: namespace)
    }

    func statefulSet() async throws -> UnstructuredObject { try await object(ManifestResources.statefulSet, "edge-control-plane") }

    func container(_ name: String) async throws -> JSONValue? {
        try await statefulSet()["spec"]?[path: ["template", "spec", "containers"]]?.arrayValue?.first { $0["name"]?.stringValue == name }
    }

    /// Plays the StatefulSet controller (the test server runs none): reports `ready` pods of
    /// the current generation, all updated.
    func reportStatefulSet(ready: Int64, replicas: Int64) async throws {
        let statefulSet = try await statefulSet()
        _ = try await client.patch(
            UnstructuredObject.self, resource: ManifestResources.statefulSet, name: "edge-control-plane", namespace: namespace,
            patch: .merge(["status": [
                "observedGeneration": .int(statefulSet.metadata.generation ?? 1), "replicas": .int(replicas), "readyReplicas": .int(ready),
                "updatedReplicas": .int(replicas), "currentReplicas": .int(replicas),
            ]]),
            subresource: "status")
    }

    /// Where the test server keeps PodDisruptionBudgets: v1.20 serves policy/v1beta1 only.
    static let podDisruptionBudgets = ResourceDescriptor(
        group: "policy", version: "v1beta1", kind: "PodDisruptionBudget", plural: "poddisruptionbudgets", namespaced: true)

    /// The resourceVersion of every generated object, by kind and name.
    func resourceVersions() async throws -> [String: String] {
        var versions: [String: String] = [:]
        for (resource, name) in Self.generated {
            if let object = try? await object(resource, name) { versions["\(resource.kind)/\(name)"] = object.metadata.resourceVersion }
        }
        return versions
    }

    static let generated: [(ResourceDescriptor, String)] =
        [(ManifestResources.service, "edge-control-plane"), (ManifestResources.statefulSet, "edge-control-plane"),
            (podDisruptionBudgets, "edge-control-plane")]
        + PKISecretNames(clusterName: "edge").all.map { (Secret.resource, $0) }
}
