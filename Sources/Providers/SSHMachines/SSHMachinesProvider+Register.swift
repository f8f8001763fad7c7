import ClusterAPI
import KubeKit
import ProviderKit

extension SSHMachinesProvider {
    /// Registers the SSHMachine and SSHCluster controllers, and the informers they share, on
    /// `manager`. SSHMachines are reconciled when they change, when their Machine or Cluster
    /// changes, and when an SSHHost changes: a released host wakes the machines waiting for one.
    public static func register(on manager: Manager) async {
        let sshMachines = await manager.informer(for: SSHMachine.self)
        let sshClusters = await manager.informer(for: SSHCluster.self)
        let hosts = await manager.informer(for: SSHHost.self)
        let machines = await manager.informer(for: Machine.self)
        let clusters = await manager.informer(for: Cluster.self)
        let events = await manager.eventRecorder(reportingController: "mothership.dev/sshmachine")
        let reconciler = InfraMachineReconciler(
            client: manager.client, provider: SSHMachineProvider(client: manager.client),
            options: InfraMachineReconciler<SSHMachineProvider>.Options(finalizer: finalizer), events: events)
        let machineController = Controller(name: "sshmachine", for: sshMachines, reconciler: reconciler)
            .watches(machines) { machine in
                let reference = machine.spec.infrastructureRef
                guard reference.kind == SSHMachine.resource.kind, reference.apiGroup == SSHMachine.resource.group else { return [] }
                return [ReconcileRequest(namespace: machine.metadata.namespace, name: reference.name)]
            }
            .watches(clusters) { cluster in
                await sshMachines.list(
                    namespace: cluster.metadata.namespace, labelSelector: [ClusterAPIGroup.clusterNameLabel: cluster.metadata.name ?? ""]
                ).map { ReconcileRequest(for: $0) }
            }
            .watches(hosts) { host in
                await hostWatchers(of: host, in: sshMachines)
            }
        await manager.add(machineController)
        let clusterController = Controller(name: "sshcluster", for: sshClusters, reconciler: InfraClusterReconciler<SSHCluster>(client: manager.client))
            .watches(clusters) { cluster in
                await sshClusters.list(
                    namespace: cluster.metadata.namespace, labelSelector: [ClusterAPIGroup.clusterNameLabel: cluster.metadata.name ?? ""]
                ).map { ReconcileRequest(for: $0) }
            }
        await manager.add(clusterController)
    }

    /// The SSHMachines a change of `host` concerns: its consumer, and while it is free every
    /// machine in its namespace still waiting for a host.
    static func hostWatchers(of host: SSHHost, in machines: Informer<SSHMachine>) async -> [ReconcileRequest] {
        if let consumer = host.spec.consumerRef {
            return [ReconcileRequest(namespace: host.metadata.namespace, name: consumer.name)]
        }
        return await machines.list(namespace: host.metadata.namespace)
            .filter { $0.status?.instanceID == nil && !$0.metadata.isBeingDeleted }
            .map { ReconcileRequest(for: $0) }
    }
}
