import ClusterAPI
import Foundation
import KubeKit
import Logging

/// The stand-in for CAPI core's Cluster controller: adopts the infrastructure cluster and the
/// control plane (owner reference, cluster-name label), records what they report by the v1beta2
/// contract (`status.initialization`, `spec.controlPlaneEndpoint` from whichever provides it
/// first, failure domains), sums up the workers, and reports the phase and v1beta2 conditions.
/// On deletion it deletes the MachineDeployments, MachineSets and Machines it owns and waits for
/// every descendant to go, then deletes the control plane, then the infrastructure cluster, each
/// waited for, then drops its finalizer.
struct ClusterReconciler: Reconciler {
    typealias Object = Cluster

    let client: KubeClient
    let external: ExternalObjects
    let logger: Logger

    func reconcile(_ request: ReconcileRequest) async throws -> ReconcileResult {
        let cluster: Cluster
        do {
            cluster = try await client.get(Cluster.self, name: request.name, namespace: request.namespace)
        } catch let error as KubeError where error.code == .notFound {
            return .done
        }
        var helper = try PatchHelper(client: client, snapshotOf: cluster)
        var updated = cluster
        if cluster.spec.paused == true || cluster.hasPausedAnnotation {
            updated.setCondition("Paused", .true, reason: "Paused", message: "the Cluster is paused")
            try await helper.patch(updated)
            return .done
        }
        updated.setCondition("Paused", .false, reason: "NotPaused")
        if cluster.metadata.isBeingDeleted {
            return try await reconcileDelete(updated, helper: helper)
        }
        if updated.metadata.addFinalizer(CoreNames.clusterFinalizer) {
            updated = try await helper.patch(updated)
            helper = try PatchHelper(client: client, snapshotOf: updated)
        }
        do {
            try await reconcileInfrastructure(&updated)
            try await reconcileControlPlane(&updated)
            try await reconcileWorkers(&updated)
        } catch {
            updated.summarize()
            try await helper.patch(updated)
            throw error
        }
        updated.summarize()
        try await helper.patch(updated)
        return .done
    }
}
