import ClusterAPI
import KubeKit

extension MachineReconciler {
    /// CAPI's Machine deletion, without drain: delete the infrastructure machine and the bootstrap
    /// config and wait until both are gone, then delete the Node from the hosted cluster (unless
    /// the whole Cluster is going, or there is no kubeconfig to reach it), then drop the finalizer.
    func reconcileDelete(_ machine: Machine, cluster: Cluster?, helper: PatchHelper<Machine>) async throws -> ReconcileResult {
        var updated = machine
        guard machine.metadata.hasFinalizer(CoreNames.machineFinalizer) else { return .done }
        let namespace = machine.metadata.namespace ?? ""
        var waitingFor: [String] = []
        if try await external.delete(machine.spec.infrastructureRef, namespace: namespace) {
            waitingFor.append("\(machine.spec.infrastructureRef.kind) \(machine.spec.infrastructureRef.name)")
        }
        if let configRef = machine.spec.bootstrap.configRef, try await external.delete(configRef, namespace: namespace) {
            waitingFor.append("\(configRef.kind) \(configRef.name)")
        }
        if !waitingFor.isEmpty {
            updated.setCondition("Deleting", .true, reason: "WaitingForInfrastructureDeletion", message: "waiting for \(waitingFor.joined(separator: " and ")) to be deleted")
            updated.summarize()
            try await helper.patch(updated)
            return .done
        }
        if let nodeRef = machine.status?.nodeRef, let cluster, !cluster.metadata.isBeingDeleted {
            updated.setCondition("Deleting", .true, reason: "DeletingNode", message: "deleting Node \(nodeRef.name)")
            if let hosted = try? await hostedClusters.client(forCluster: cluster.metadata.name ?? "", namespace: namespace) {
                do {
                    try await hosted.delete(resource: Self.nodes, name: nodeRef.name)
                } catch let error as KubeError where error.code == .notFound {}
            }
        }
        updated.setCondition("Deleting", .true, reason: "DeletionCompleted")
        updated.summarize()
        updated = try await helper.patch(updated)
        let final = try PatchHelper(client: client, snapshotOf: updated)
        updated.metadata.removeFinalizer(CoreNames.machineFinalizer)
        try await final.patch(updated)
        return .done
    }
}
