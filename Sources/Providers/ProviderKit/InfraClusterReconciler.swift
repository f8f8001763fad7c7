import ClusterAPI
import Foundation
import KubeKit
import Logging

/// The one InfraCluster controller providers without cluster-wide infrastructure of their own
/// share (CAPI v1beta2 InfraCluster contract): once its Cluster exists it reports the declared
/// failure domains, mirrors the control plane's endpoint from the Cluster when the spec has
/// none, and sets `status.initialization.provisioned`. Honours pause; has nothing to release on
/// deletion, so needs no finalizer.
public struct InfraClusterReconciler<Object: InfrastructureCluster>: Reconciler {
    let client: KubeClient
    let logger: Logger

    public init(client: KubeClient, logger: Logger = Logger(label: "mothership.infrastructure")) {
        self.client = client
        self.logger = logger
    }

    public func reconcile(_ request: ReconcileRequest) async throws -> ReconcileResult {
        let object: Object
        do {
            object = try await client.get(Object.self, name: request.name, namespace: request.namespace)
        } catch let error as KubeError where error.code == .notFound {
            return .done
        }
        if object.metadata.isBeingDeleted { return .done }
        let patch = try PatchHelper(client: client, snapshotOf: object)
        var updated = object
        let clusterName = object.clusterName ?? object.metadata.ownerReferences?.first { $0.refers(to: Cluster.resource) }?.name
        var cluster: Cluster?
        if let clusterName {
            do {
                cluster = try await client.get(Cluster.self, name: clusterName, namespace: object.metadata.namespace)
            } catch let error as KubeError where error.code == .notFound {
                cluster = nil
            }
        }
        let paused = object.hasPausedAnnotation || cluster?.spec.paused == true
        updated.setCondition(InfrastructureMachineStatus.paused, paused ? .true : .false, reason: paused ? "Paused" : "NotPaused")
        guard !paused else {
            try await patch.patch(updated)
            return .done
        }
        guard let cluster else {
            updated.setCondition("Ready", .false, reason: "WaitingForCluster", message: "no Cluster owns this object yet")
            try await patch.patch(updated)
            return .done
        }
        if updated.controlPlaneEndpoint?.host?.isEmpty ?? true, let endpoint = cluster.spec.controlPlaneEndpoint, !(endpoint.host ?? "").isEmpty {
            updated.controlPlaneEndpoint = endpoint
        }
        var status = updated.infrastructureStatus
        status.failureDomains = updated.declaredFailureDomains.isEmpty ? nil : updated.declaredFailureDomains
        status.initialization = InfrastructureClusterStatus.Initialization(provisioned: true)
        updated.infrastructureStatus = status
        updated.setCondition("Ready", .true, reason: "Provisioned")
        try await patch.patch(updated)
        return .done
    }
}

extension InfrastructureCluster {
    fileprivate mutating func setCondition(_ type: String, _ status: Condition.Status, reason: String, message: String = "") {
        var infra = infrastructureStatus
        var conditions = infra.conditions ?? []
        conditions.set(Condition(type: type, status: status, reason: reason, message: message, observedGeneration: metadata.generation))
        infra.conditions = conditions
        infra.observedGeneration = metadata.generation
        infrastructureStatus = infra
    }
}
