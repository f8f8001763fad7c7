import ClusterAPI
import KubeKit

extension ClusterReconciler {
    /// Records the infrastructure cluster's `status.initialization.provisioned`, its
    /// `spec.controlPlaneEndpoint` (unless the Cluster has one) and its failure domains.
    func reconcileInfrastructure(_ cluster: inout Cluster) async throws {
        guard let reference = cluster.spec.infrastructureRef else {
            cluster.markInitialized(infrastructure: true)
            cluster.setCondition("InfrastructureReady", .true, reason: "NotSet", message: "the Cluster has no infrastructureRef")
            return
        }
        guard let infra = try await part(reference, of: &cluster, condition: "InfrastructureReady", wasReady: cluster.status?.initialization?.infrastructureProvisioned == true) else {
            return
        }
        if let failureDomains = infra.failureDomains, !failureDomains.isEmpty {
            var status = cluster.status ?? ClusterStatus()
            status.failureDomains = failureDomains
            cluster.status = status
        }
        guard infra.isProvisioned else {
            cluster.setCondition("InfrastructureReady", .false, reason: "NotReady", message: Self.waitingMessage(infra, reference, "is not provisioned yet"))
            return
        }
        if cluster.spec.controlPlaneEndpoint?.host == nil, let endpoint = infra.controlPlaneEndpoint {
            cluster.spec.controlPlaneEndpoint = endpoint
        }
        cluster.markInitialized(infrastructure: true)
        cluster.setCondition("InfrastructureReady", .true, reason: "Ready")
    }

    /// Records the control plane's `status.initialization.controlPlaneInitialized`, its
    /// `spec.controlPlaneEndpoint` (unless the Cluster has one), and mirrors its `Available`
    /// condition as `ControlPlaneAvailable`.
    func reconcileControlPlane(_ cluster: inout Cluster) async throws {
        guard let reference = cluster.spec.controlPlaneRef else {
            cluster.setCondition("ControlPlaneInitialized", .unknown, reason: "NotSet", message: "the Cluster has no controlPlaneRef")
            cluster.setCondition("ControlPlaneAvailable", .unknown, reason: "NotSet", message: "the Cluster has no controlPlaneRef")
            return
        }
        guard let controlPlane = try await part(reference, of: &cluster, condition: "ControlPlaneAvailable", wasReady: cluster.status?.initialization?.controlPlaneInitialized == true) else {
            cluster.setCondition("ControlPlaneInitialized", cluster.status?.initialization?.controlPlaneInitialized == true ? .true : .unknown, reason: "DoesNotExist", message: "\(reference.kind) \(reference.name) does not exist")
            return
        }
        if cluster.spec.controlPlaneEndpoint?.host == nil, let endpoint = controlPlane.controlPlaneEndpoint {
            cluster.spec.controlPlaneEndpoint = endpoint
        }
        if controlPlane.isControlPlaneInitialized {
            cluster.markInitialized(controlPlane: true)
            cluster.setCondition("ControlPlaneInitialized", .true, reason: "Initialized")
        } else if cluster.status?.initialization?.controlPlaneInitialized != true {
            cluster.setCondition("ControlPlaneInitialized", .false, reason: "NotInitialized", message: Self.waitingMessage(controlPlane, reference, "is not initialized yet"))
        }
        if let available = controlPlane.condition("Available") {
            cluster.setCondition("ControlPlaneAvailable", available.status, reason: available.reason, message: available.message.isEmpty ? "" : "\(reference.kind) \(reference.name): \(available.message)")
        } else {
            cluster.setCondition("ControlPlaneAvailable", .unknown, reason: "AvailableConditionNotReported", message: "\(reference.kind) \(reference.name) reports no Available condition")
        }
    }

    /// Sums up the MachineDeployments of the Cluster in `status.workers` and sets
    /// `WorkersAvailable`: true when every MachineDeployment is `Available`.
    func reconcileWorkers(_ cluster: inout Cluster) async throws {
        let deployments = try await client.listAll(
            MachineDeployment.self, namespace: cluster.metadata.namespace,
            options: ListOptions(labelSelector: [ClusterAPIGroup.clusterNameLabel: cluster.metadata.name ?? ""])
        ).items
        func sum(_ count: (MachineDeploymentStatus) -> Int32?) -> Int32 { deployments.reduce(0) { $0 + ($1.status.flatMap(count) ?? 0) } }
        var workers = ClusterStatus.ReplicaCounts()
        workers.desiredReplicas = deployments.reduce(0) { $0 + ($1.spec.replicas ?? 1) }
        workers.replicas = sum(\.replicas)
        workers.readyReplicas = sum(\.readyReplicas)
        workers.availableReplicas = sum(\.availableReplicas)
        workers.upToDateReplicas = sum(\.upToDateReplicas)
        var status = cluster.status ?? ClusterStatus()
        status.workers = workers
        cluster.status = status
        let unavailable = deployments.filter { $0.status?.conditions?[type: "Available"]?.status != .true }.compactMap(\.metadata.name)
        if unavailable.isEmpty {
            cluster.setCondition("WorkersAvailable", .true, reason: "Available")
        } else {
            cluster.setCondition("WorkersAvailable", .false, reason: "NotAvailable", message: "MachineDeployments not available: \(unavailable.joined(separator: ", "))")
        }
    }

    /// Reads and adopts one referenced part; nil (with `condition` saying why) when it does not
    /// exist — a part that vanished after it was ready fails the Cluster.
    private func part(
        _ reference: ContractVersionedObjectReference, of cluster: inout Cluster, condition: String, wasReady: Bool
    ) async throws -> UnstructuredObject? {
        do {
            guard let found = try await external.get(reference, namespace: cluster.metadata.namespace ?? "") else {
                if wasReady {
                    cluster.setCondition(condition, .false, reason: "Deleted", message: "\(reference.kind) \(reference.name) was deleted")
                } else {
                    cluster.setCondition(condition, .unknown, reason: "DoesNotExist", message: "\(reference.kind) \(reference.name) does not exist")
                }
                return nil
            }
            return try await external.adopt(found, by: cluster, controller: false, clusterName: cluster.metadata.name ?? "", reference: reference)
        } catch let error as ContractError {
            cluster.setCondition(condition, .false, reason: "InvalidReference", message: "\(error)")
            throw error
        }
    }

    private static func waitingMessage(_ object: UnstructuredObject, _ reference: ContractVersionedObjectReference, _ fallback: String) -> String {
        if let ready = object.condition("Ready"), ready.status != .true {
            return "\(reference.kind) \(reference.name): \(ready.message.isEmpty ? ready.reason : ready.message)"
        }
        return "\(reference.kind) \(reference.name) \(fallback)"
    }
}
