import ClusterAPI
import Foundation
import KubeKit
import Logging

/// The stand-in for CAPI core's MachineSet controller: keeps `spec.replicas` Machines made from
/// `spec.template`, cloning each Machine's bootstrap config and infrastructure machine from the
/// template's references; deletes surplus Machines in CAPI's deletion order; reports which of its
/// Machines are up to date with their MachineDeployment (`UpToDate`), its replica counts and
/// conditions. On deletion it deletes its Machines and waits for them to go.
struct MachineSetReconciler: Reconciler {
    typealias Object = MachineSet

    let client: KubeClient
    let cloner: TemplateCloner
    let logger: Logger

    func reconcile(_ request: ReconcileRequest) async throws -> ReconcileResult {
        let set: MachineSet
        do {
            set = try await client.get(MachineSet.self, name: request.name, namespace: request.namespace)
        } catch let error as KubeError where error.code == .notFound {
            return .done
        }
        let namespace = set.metadata.namespace ?? ""
        let cluster = try await client.getIfPresent(Cluster.self, name: set.spec.clusterName, namespace: namespace)
        if cluster == nil && !set.metadata.isBeingDeleted { return .done }
        var helper = try PatchHelper(client: client, snapshotOf: set)
        var updated = set
        if let cluster, set.isPaused(cluster: cluster) {
            updated.setCondition("Paused", .true, reason: "Paused", message: "the Cluster or the MachineSet is paused")
            try await helper.patch(updated)
            return .done
        }
        updated.setCondition("Paused", .false, reason: "NotPaused")
        let machines = try await members(of: set)
        if set.metadata.isBeingDeleted {
            return try await reconcileDelete(updated, machines: machines, helper: helper)
        }
        guard let cluster else { return .done }
        updated.metadata.addFinalizer(CoreNames.machineSetFinalizer)
        updated.metadata.labels = (updated.metadata.labels ?? [:]).merging([ClusterAPIGroup.clusterNameLabel: set.spec.clusterName]) { _, new in new }
        if (updated.metadata.ownerReferences ?? []).isEmpty {
            var reference = OwnerReference(controllerOf: cluster)
            reference.controller = nil
            reference.blockOwnerDeletion = nil
            updated.metadata.ownerReferences = [reference]
        }
        if updated.metadata != set.metadata {
            updated = try await helper.patch(updated)
            helper = try PatchHelper(client: client, snapshotOf: updated)
        }
        var current = machines
        do {
            current = try await reportUpToDate(current, of: set)
            try await scale(set, machines: &current)
        } catch {
            updated.updateStatus(machines: current)
            try await helper.patch(updated)
            throw error
        }
        updated.updateStatus(machines: current)
        try await helper.patch(updated)
        return .done
    }

    /// The Machines this set controls.
    func members(of set: MachineSet) async throws -> [Machine] {
        guard let selector = set.spec.selector.query else {
            throw TerminalError("MachineSet \(set.objectKey) has a selector with an unknown operator")
        }
        return try await client.listAll(Machine.self, namespace: set.metadata.namespace, options: ListOptions(labelSelector: selector)).items
            .filter { $0.metadata.controllerReference?.uid == set.metadata.uid }
    }

    private func reconcileDelete(_ set: MachineSet, machines: [Machine], helper: PatchHelper<MachineSet>) async throws -> ReconcileResult {
        guard set.metadata.hasFinalizer(CoreNames.machineSetFinalizer) else { return .done }
        var updated = set
        for machine in machines where !machine.metadata.isBeingDeleted {
            try await deleteIgnoringMissing(machine)
        }
        if !machines.isEmpty {
            updated.setCondition("Deleting", .true, reason: "WaitingForMachineDeletion", message: "waiting for \(machines.count) Machine(s) to be deleted")
            updated.updateStatus(machines: machines)
            try await helper.patch(updated)
            return .done
        }
        updated.setCondition("Deleting", .true, reason: "DeletionCompleted")
        updated.updateStatus(machines: [])
        updated = try await helper.patch(updated)
        let final = try PatchHelper(client: client, snapshotOf: updated)
        updated.metadata.removeFinalizer(CoreNames.machineSetFinalizer)
        try await final.patch(updated)
        return .done
    }

    func deleteIgnoringMissing(_ machine: Machine) async throws {
        do {
            try await client.delete(Machine.self, name: machine.metadata.name ?? "", namespace: machine.metadata.namespace)
        } catch let error as KubeError where error.code == .notFound {}
    }
}
