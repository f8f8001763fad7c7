import ClusterAPI
import KubeKit

extension MachineDeployment {
    /// Sets the v1beta2 condition `type`, keeping its transition time unless the status flips.
    mutating func setCondition(_ type: String, _ status: Condition.Status, reason: String, message: String = "") {
        var deploymentStatus = self.status ?? MachineDeploymentStatus()
        var conditions = deploymentStatus.conditions ?? []
        conditions.set(Condition(type: type, status: status, reason: reason, message: message, observedGeneration: metadata.generation))
        deploymentStatus.conditions = conditions
        self.status = deploymentStatus
    }

    /// Adds up the MachineSets' counts and sets the phase (`ScalingUp`, `ScalingDown`, `Running`)
    /// and the `Available` (at least `replicas - maxUnavailable` Machines available),
    /// `MachinesReady`, `MachinesUpToDate`, `ScalingUp` and `ScalingDown` conditions.
    mutating func updateStatus(sets: [MachineSet]) {
        var status = self.status ?? MachineDeploymentStatus()
        func sum(_ count: (MachineSetStatus) -> Int32?) -> Int32 { sets.reduce(0) { $0 + (($1.status).flatMap(count) ?? 0) } }
        let desired = Int32(spec.replicas ?? 1)
        status.selector = spec.selector.query.map { "\($0)" }.flatMap { $0.isEmpty ? nil : $0 }
        status.replicas = sum(\.replicas)
        status.readyReplicas = sum(\.readyReplicas)
        status.availableReplicas = sum(\.availableReplicas)
        status.upToDateReplicas = sum(\.upToDateReplicas)
        status.observedGeneration = metadata.generation
        let replicas = status.replicas ?? 0
        status.phase = replicas < desired ? "ScalingUp" : replicas > desired ? "ScalingDown" : "Running"
        self.status = status
        let maxUnavailable = (try? RolloutLimits(spec.rollout?.strategy?.rollingUpdate, replicas: Int(desired)).maxUnavailable) ?? 0
        let available = status.availableReplicas ?? 0
        if metadata.isBeingDeleted {
            setCondition("Available", .false, reason: "Deleting", message: "the MachineDeployment is being deleted")
        } else if available >= desired - Int32(maxUnavailable) {
            setCondition("Available", .true, reason: "Available")
        } else {
            setCondition("Available", .false, reason: "NotAvailable", message: "\(available) available replicas, at least \(desired - Int32(maxUnavailable)) required")
        }
        let ready = status.readyReplicas ?? 0
        if ready == replicas {
            setCondition("MachinesReady", .true, reason: "Ready")
        } else {
            setCondition("MachinesReady", .false, reason: "NotReady", message: "\(replicas - ready) of \(replicas) Machines are not ready")
        }
        let upToDate = status.upToDateReplicas ?? 0
        if upToDate == replicas {
            setCondition("MachinesUpToDate", .true, reason: "UpToDate")
        } else {
            setCondition("MachinesUpToDate", .false, reason: "NotUpToDate", message: "\(replicas - upToDate) of \(replicas) Machines are not up to date")
        }
        if replicas < desired {
            setCondition("ScalingUp", .true, reason: "ScalingUp", message: "scaling up from \(replicas) to \(desired) replicas")
        } else {
            setCondition("ScalingUp", .false, reason: "NotScalingUp")
        }
        if replicas > desired {
            setCondition("ScalingDown", .true, reason: "ScalingDown", message: "scaling down from \(replicas) to \(desired) replicas")
        } else {
            setCondition("ScalingDown", .false, reason: "NotScalingDown")
        }
        if !metadata.isBeingDeleted { setCondition("Deleting", .false, reason: "NotDeleting") }
    }
}
