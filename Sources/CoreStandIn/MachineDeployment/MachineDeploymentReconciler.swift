import ClusterAPI
import Foundation
import KubeKit
import Logging

/// The stand-in for CAPI core's MachineDeployment controller: keeps one MachineSet per revision
/// of the machine template, named `<deployment>-<machine-template-hash>` and labelled with the
/// hash and `cluster.x-k8s.io/deployment-name`; scales the current one to `spec.replicas`; rolls
/// a template change out through a new MachineSet with `RollingUpdate` (within `maxSurge` and
/// `maxUnavailable`) or `OnDelete`; removes old MachineSets once empty; reports replica counts,
/// phase and conditions. While `spec.paused` is true a template change is not rolled out. On
/// deletion it deletes its MachineSets and waits for them to go.
struct MachineDeploymentReconciler: Reconciler {
    typealias Object = MachineDeployment

    let client: KubeClient
    let logger: Logger

    func reconcile(_ request: ReconcileRequest) async throws -> ReconcileResult {
        let deployment: MachineDeployment
        do {
            deployment = try await client.get(MachineDeployment.self, name: request.name, namespace: request.namespace)
        } catch let error as KubeError where error.code == .notFound {
            return .done
        }
        let namespace = deployment.metadata.namespace ?? ""
        let cluster = try await client.getIfPresent(Cluster.self, name: deployment.spec.clusterName, namespace: namespace)
        if cluster == nil && !deployment.metadata.isBeingDeleted { return .done }
        var helper = try PatchHelper(client: client, snapshotOf: deployment)
        var updated = deployment
        if let cluster, deployment.isPaused(cluster: cluster) {
            updated.setCondition("Paused", .true, reason: "Paused", message: "the Cluster or the MachineDeployment is paused")
            try await helper.patch(updated)
            return .done
        }
        updated.setCondition("Paused", .false, reason: "NotPaused")
        var sets = try await machineSets(of: deployment)
        if deployment.metadata.isBeingDeleted {
            return try await reconcileDelete(updated, sets: sets, helper: helper)
        }
        guard let cluster else { return .done }
        updated.metadata.addFinalizer(CoreNames.machineDeploymentFinalizer)
        updated.metadata.labels = (updated.metadata.labels ?? [:]).merging([ClusterAPIGroup.clusterNameLabel: deployment.spec.clusterName]) { _, new in new }
        if !(updated.metadata.ownerReferences ?? []).contains(where: { $0.uid == cluster.metadata.uid }) {
            var reference = OwnerReference(controllerOf: cluster)
            reference.controller = nil
            reference.blockOwnerDeletion = nil
            updated.metadata.ownerReferences = (updated.metadata.ownerReferences ?? []) + [reference]
        }
        if updated.metadata != deployment.metadata {
            updated = try await helper.patch(updated)
            helper = try PatchHelper(client: client, snapshotOf: updated)
        }
        do {
            try await rollout(updated, sets: &sets)
        } catch {
            updated.updateStatus(sets: sets)
            try await helper.patch(updated)
            throw error
        }
        updated.updateStatus(sets: sets)
        try await helper.patch(updated)
        return .done
    }

    /// The MachineSets this deployment controls, oldest first.
    func machineSets(of deployment: MachineDeployment) async throws -> [MachineSet] {
        try await client.listAll(
            MachineSet.self, namespace: deployment.metadata.namespace,
            options: ListOptions(labelSelector: [ClusterAPIGroup.deploymentNameLabel: deployment.metadata.name ?? ""])
        ).items
        .filter { $0.metadata.controllerReference?.uid == deployment.metadata.uid }
        .sorted { ($0.metadata.creationTimestamp ?? .distantPast, $0.metadata.name ?? "") < ($1.metadata.creationTimestamp ?? .distantPast, $1.metadata.name ?? "") }
    }

    private func reconcileDelete(_ deployment: MachineDeployment, sets: [MachineSet], helper: PatchHelper<MachineDeployment>) async throws -> ReconcileResult {
        guard deployment.metadata.hasFinalizer(CoreNames.machineDeploymentFinalizer) else { return .done }
        var updated = deployment
        for set in sets where !set.metadata.isBeingDeleted {
            do {
                try await client.delete(MachineSet.self, name: set.metadata.name ?? "", namespace: set.metadata.namespace)
            } catch let error as KubeError where error.code == .notFound {}
        }
        if !sets.isEmpty {
            updated.setCondition("Deleting", .true, reason: "WaitingForMachineSetDeletion", message: "waiting for \(sets.count) MachineSet(s) to be deleted")
            updated.updateStatus(sets: sets)
            try await helper.patch(updated)
            return .done
        }
        updated.setCondition("Deleting", .true, reason: "DeletionCompleted")
        updated.updateStatus(sets: [])
        updated = try await helper.patch(updated)
        let final = try PatchHelper(client: client, snapshotOf: updated)
        updated.metadata.removeFinalizer(CoreNames.machineDeploymentFinalizer)
        try await final.patch(updated)
        return .done
    }
}
