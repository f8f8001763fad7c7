import ClusterAPI
import Foundation
import KubeKit
import Logging

/// The stand-in for CAPI core's Machine controller: for each Machine, adopts its bootstrap
/// config and infrastructure machine (controller owner reference, cluster-name label), copies
/// what they report by the v1beta2 contract (`spec.bootstrap.dataSecretName`, `spec.providerID`,
/// `status.addresses`, the failure domain, `status.initialization`), finds its Node in the hosted
/// cluster by `spec.providerID` through the `<cluster>-kubeconfig` Secret and sets
/// `status.nodeRef`, and reports phases and v1beta2 conditions. On deletion it deletes the
/// infrastructure machine and bootstrap config, waits for them to go, deletes the Node, then drops
/// its finalizer. The Node is not drained first: the stand-in does not drain.
struct MachineReconciler: Reconciler {
    typealias Object = Machine

    let client: KubeClient
    let external: ExternalObjects
    let hostedClusters: HostedClusterAccess
    /// How often to read the Machine's Node in the hosted cluster again (Nodes there are polled).
    let nodePollInterval: Duration
    let logger: Logger

    func reconcile(_ request: ReconcileRequest) async throws -> ReconcileResult {
        let machine: Machine
        do {
            machine = try await client.get(Machine.self, name: request.name, namespace: request.namespace)
        } catch let error as KubeError where error.code == .notFound {
            return .done
        }
        let namespace = machine.metadata.namespace ?? ""
        let cluster = try await client.getIfPresent(Cluster.self, name: machine.spec.clusterName, namespace: namespace)
        if cluster == nil && !machine.metadata.isBeingDeleted { return .done }
        let helper = try PatchHelper(client: client, snapshotOf: machine)
        var updated = machine
        if let cluster, machine.isPaused(cluster: cluster) {
            updated.setCondition("Paused", .true, reason: "Paused", message: "the Cluster or the Machine is paused")
            try await helper.patch(updated)
            return .done
        }
        updated.setCondition("Paused", .false, reason: "NotPaused")
        if machine.metadata.isBeingDeleted {
            return try await reconcileDelete(updated, cluster: cluster, helper: helper)
        }
        guard let cluster else { return .done }
        var result = ReconcileResult.done
        do {
            result = try await reconcileNormal(&updated, cluster: cluster)
        } catch {
            updated.summarize()
            try await helper.patch(updated)
            throw error
        }
        updated.summarize()
        try await helper.patch(updated)
        return result
    }

    private func reconcileNormal(_ machine: inout Machine, cluster: Cluster) async throws -> ReconcileResult {
        machine.metadata.addFinalizer(CoreNames.machineFinalizer)
        machine.metadata.labels = (machine.metadata.labels ?? [:]).merging([ClusterAPIGroup.clusterNameLabel: cluster.metadata.name ?? ""]) { _, new in new }
        if (machine.metadata.ownerReferences ?? []).isEmpty {
            var reference = OwnerReference(controllerOf: cluster)
            reference.controller = nil
            reference.blockOwnerDeletion = nil
            machine.metadata.ownerReferences = [reference]
        }
        machine.setCondition("Deleting", .false, reason: "NotDeleting")
        try await reconcileBootstrap(&machine, cluster: cluster)
        try await reconcileInfrastructure(&machine, cluster: cluster)
        var result = try await reconcileNode(&machine, cluster: cluster)
        if machine.isOwnedByMachineSet == false {
            machine.setCondition("UpToDate", .true, reason: "UpToDate")
        }
        if let wait = machine.updateAvailability(), result == .done {
            result = .requeue(after: wait)
        }
        return result
    }
}

extension KubeClient {
    /// The object `name`, or nil when it does not exist.
    func getIfPresent<T: KubeResource>(_ type: T.Type, name: String, namespace: String) async throws -> T? {
        do {
            return try await get(T.self, name: name, namespace: namespace)
        } catch let error as KubeError where error.code == .notFound {
            return nil
        }
    }
}
