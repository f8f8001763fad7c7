import Bootstrap
import ClusterAPI
import ControlPlane
import KubeKit
import SSHMachines

extension ProviderType {
    /// Registers the provider's controllers, and the informers they share, on `manager`.
    func registerControllers(on manager: Manager) async {
        switch self {
        case .bootstrap:
            let configs = await manager.informer(for: WorkerConfig.self)
            let machines = await manager.informer(for: Machine.self)
            let clusters = await manager.informer(for: Cluster.self)
            let events = await manager.eventRecorder(reportingController: "mothership.dev/workerconfig")
            let reconciler = WorkerConfigReconciler(client: manager.client, events: events)
            let controller = Controller(name: "workerconfig", for: configs, reconciler: reconciler, predicates: [])
                .watches(machines) { machine in
                    guard let reference = machine.spec.bootstrap.configRef, reference.kind == WorkerConfig.resource.kind,
                        reference.apiGroup == WorkerConfig.resource.group
                    else { return [] }
                    return [ReconcileRequest(namespace: machine.metadata.namespace, name: reference.name)]
                }
                .watches(clusters) { cluster in
                    await configs.list(
                        namespace: cluster.metadata.namespace, labelSelector: [ClusterAPIGroup.clusterNameLabel: cluster.metadata.name ?? ""]
                    ).map { ReconcileRequest(for: $0) }
                }
            await manager.add(controller)
        case .infrastructure:
            await SSHMachinesProvider.register(on: manager)
        case .controlPlane:
            await HostedControlPlaneReconciler.register(on: manager)
        }
    }
}
