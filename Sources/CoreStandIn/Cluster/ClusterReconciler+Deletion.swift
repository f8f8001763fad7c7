import ClusterAPI
import KubeKit

extension ClusterReconciler {
    /// CAPI's Cluster deletion order: the MachineDeployments, MachineSets and Machines the Cluster
    /// owns are deleted and every worker descendant (labelled with the Cluster's name) is waited
    /// for; then the control plane is deleted and waited for; then the infrastructure cluster;
    /// then the finalizer goes.
    func reconcileDelete(_ cluster: Cluster, helper: PatchHelper<Cluster>) async throws -> ReconcileResult {
        guard cluster.metadata.hasFinalizer(CoreNames.clusterFinalizer) else { return .done }
        var updated = cluster
        let namespace = cluster.metadata.namespace ?? ""
        let selector: LabelSelector = [ClusterAPIGroup.clusterNameLabel: cluster.metadata.name ?? ""]
        let options = ListOptions(labelSelector: selector)
        let deployments = try await client.listAll(MachineDeployment.self, namespace: namespace, options: options).items
        let sets = try await client.listAll(MachineSet.self, namespace: namespace, options: options).items
        let machines = try await client.listAll(Machine.self, namespace: namespace, options: options).items
            .filter { $0.metadata.labels?[ClusterAPIGroup.controlPlaneLabel] == nil }
        let owned: (ObjectMeta) -> Bool = { meta in
            !meta.isBeingDeleted && (meta.ownerReferences ?? []).contains { $0.uid == cluster.metadata.uid }
        }
        for deployment in deployments where owned(deployment.metadata) {
            try await deleteIgnoringMissing(MachineDeployment.self, deployment.metadata)
        }
        for set in sets where owned(set.metadata) {
            try await deleteIgnoringMissing(MachineSet.self, set.metadata)
        }
        for machine in machines where owned(machine.metadata) {
            try await deleteIgnoringMissing(Machine.self, machine.metadata)
        }
        let pending = deployments.count + sets.count + machines.count
        if pending > 0 {
            return try await waiting(
                &updated, helper: helper, reason: "WaitingForWorkersDeletion",
                message: "waiting for \(deployments.count) MachineDeployment(s), \(sets.count) MachineSet(s) and \(machines.count) worker Machine(s) to be deleted")
        }
        if let reference = cluster.spec.controlPlaneRef, try await external.delete(reference, namespace: namespace) {
            return try await waiting(&updated, helper: helper, reason: "WaitingForControlPlaneDeletion", message: "waiting for \(reference.kind) \(reference.name) to be deleted")
        }
        if let reference = cluster.spec.infrastructureRef, try await external.delete(reference, namespace: namespace) {
            return try await waiting(&updated, helper: helper, reason: "WaitingForInfrastructureDeletion", message: "waiting for \(reference.kind) \(reference.name) to be deleted")
        }
        updated.setCondition("Deleting", .true, reason: "DeletionCompleted")
        updated.summarize()
        updated = try await helper.patch(updated)
        let final = try PatchHelper(client: client, snapshotOf: updated)
        updated.metadata.removeFinalizer(CoreNames.clusterFinalizer)
        try await final.patch(updated)
        return .done
    }

    private func waiting(_ cluster: inout Cluster, helper: PatchHelper<Cluster>, reason: String, message: String) async throws -> ReconcileResult {
        cluster.setCondition("Deleting", .true, reason: reason, message: message)
        cluster.summarize()
        try await helper.patch(cluster)
        return .done
    }

    private func deleteIgnoringMissing<T: KubeResource>(_ type: T.Type, _ metadata: ObjectMeta) async throws {
        do {
            try await client.delete(T.self, name: metadata.name ?? "", namespace: metadata.namespace)
        } catch let error as KubeError where error.code == .notFound {}
    }
}
