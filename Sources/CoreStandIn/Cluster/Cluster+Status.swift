import ClusterAPI
import KubeKit

extension Cluster {
    /// Sets the v1beta2 condition `type`, keeping its transition time unless the status flips.
    mutating func setCondition(_ type: String, _ status: Condition.Status, reason: String, message: String = "") {
        var clusterStatus = self.status ?? ClusterStatus()
        var conditions = clusterStatus.conditions ?? []
        conditions.set(Condition(type: type, status: status, reason: reason, message: message, observedGeneration: metadata.generation))
        clusterStatus.conditions = conditions
        self.status = clusterStatus
    }

    /// Records a step of the provisioning contract as done; each stays true once set.
    mutating func markInitialized(infrastructure: Bool = false, controlPlane: Bool = false) {
        var status = self.status ?? ClusterStatus()
        var initialization = status.initialization ?? ClusterStatus.Initialization()
        if infrastructure { initialization.infrastructureProvisioned = true }
        if controlPlane { initialization.controlPlaneInitialized = true }
        status.initialization = initialization
        self.status = status
    }

    /// Sets `Available` (`InfrastructureReady`, `ControlPlaneAvailable` and `WorkersAvailable`
    /// all true, and not deleting), `Deleting`, the phase and `observedGeneration`.
    mutating func summarize() {
        var status = self.status ?? ClusterStatus()
        var conditions = status.conditions ?? []
        if metadata.isBeingDeleted {
            conditions.set(Condition(type: "Available", status: .false, reason: "Deleting", message: "the Cluster is being deleted", observedGeneration: metadata.generation))
        } else {
            conditions.set(Condition(type: "Deleting", status: .false, reason: "NotDeleting", observedGeneration: metadata.generation))
            let parts = ["InfrastructureReady", "ControlPlaneAvailable", "WorkersAvailable"]
            let states = parts.map { conditions[type: $0] ?? Condition(type: $0, status: .unknown, reason: "NotYetReported") }
            if let failing = states.first(where: { $0.status != .true }) {
                conditions.set(Condition(
                    type: "Available", status: failing.status == .false ? .false : .unknown, reason: "NotAvailable",
                    message: "\(failing.type): \(failing.message.isEmpty ? failing.reason : failing.message)", observedGeneration: metadata.generation))
            } else {
                conditions.set(Condition(type: "Available", status: .true, reason: "Available", observedGeneration: metadata.generation))
            }
        }
        status.conditions = conditions
        status.observedGeneration = metadata.generation
        status.phase = phase(status)
        self.status = status
    }

    /// CAPI's Cluster phases: `Pending`; `Provisioning` once it references its infrastructure or
    /// control plane; `Provisioned` once the infrastructure is provisioned and the endpoint known;
    /// `Deleting`; `Failed` when a part vanished after it was ready.
    private func phase(_ status: ClusterStatus) -> String {
        if metadata.isBeingDeleted { return "Deleting" }
        if ["InfrastructureReady", "ControlPlaneAvailable"].contains(where: { status.conditions?[type: $0]?.reason == "Deleted" }) {
            return "Failed"
        }
        var phase = "Pending"
        if spec.infrastructureRef != nil || spec.controlPlaneRef != nil { phase = "Provisioning" }
        if status.initialization?.infrastructureProvisioned == true, let host = spec.controlPlaneEndpoint?.host, !host.isEmpty {
            phase = "Provisioned"
        }
        return phase
    }
}
