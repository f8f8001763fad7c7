import ClusterAPI
import KubeKit

extension HostedControlPlaneReconciler {
    /// Registers the controller, and the informers it uses, on `manager`: HostedControlPlanes,
    /// their Clusters (pause, network changes) and the StatefulSets they own (replica counts).
    public static func register(on manager: Manager) async {
        let controlPlanes = await manager.informer(for: HostedControlPlane.self)
        let clusters = await manager.informer(for: Cluster.self)
        let statefulSets = await manager.informer(for: OwnedStatefulSet.self)
        let events = await manager.eventRecorder(reportingController: "mothership.dev/hostedcontrolplane")
        let reconciler = HostedControlPlaneReconciler(client: manager.client, events: events)
        let controller = Controller(name: "hostedcontrolplane", for: controlPlanes, reconciler: reconciler, predicates: [])
            .owns(statefulSets)
            .watches(clusters) { cluster in
                guard let reference = cluster.spec.controlPlaneRef, reference.kind == HostedControlPlane.resource.kind,
                    reference.apiGroup == HostedControlPlane.resource.group
                else { return [] }
                return [ReconcileRequest(namespace: cluster.metadata.namespace, name: reference.name)]
            }
        await manager.add(controller)
    }
}

/// The part of a StatefulSet the controller watches: who owns it and its status.
struct OwnedStatefulSet: KubeResource {
    static let resource = ManifestResources.statefulSet
    var metadata: ObjectMeta
    var status: JSONValue?
}
