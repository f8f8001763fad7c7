import ClusterAPI
import KubeKit

extension MachineSet {
    /// Sets the v1beta2 condition `type`, keeping its transition time unless the status flips.
    mutating func setCondition(_ type: String, _ status: Condition.Status, reason: String, message: String = "") {
        var setStatus = self.status ?? MachineSetStatus()
        var conditions = setStatus.conditions ?? []
        conditions.set(Condition(type: type, status: status, reason: reason, message: message, observedGeneration: metadata.generation))
        setStatus.conditions = conditions
        self.status = setStatus
    }

    /// Counts `machines` (a Machine is ready, available or up to date when its condition of that
    /// name is true) and sets `ScalingUp`, `ScalingDown`, `MachinesReady` and `MachinesUpToDate`.
    mutating func updateStatus(machines: [Machine]) {
        var status = self.status ?? MachineSetStatus()
        status.selector = spec.selector.query.map { "\($0)" }.flatMap { $0.isEmpty ? nil : $0 }
        status.replicas = Int32(machines.count)
        status.readyReplicas = Int32(machines.filter { $0.isTrue("Ready") }.count)
        status.availableReplicas = Int32(machines.filter { $0.isTrue("Available") }.count)
        status.upToDateReplicas = Int32(machines.filter { $0.isTrue("UpToDate") }.count)
        status.observedGeneration = metadata.generation
        self.status = status
        let desired = Int(spec.replicas ?? 1)
        let active = machines.filter { !$0.metadata.isBeingDeleted }.count
        if active < desired {
            setCondition("ScalingUp", .true, reason: "ScalingUp", message: "scaling up from \(active) to \(desired) replicas")
        } else {
            setCondition("ScalingUp", .false, reason: "NotScalingUp")
        }
        if machines.count > desired {
            setCondition("ScalingDown", .true, reason: "ScalingDown", message: "scaling down from \(machines.count) to \(desired) replicas")
        } else {
            setCondition("ScalingDown", .false, reason: "NotScalingDown")
        }
        let notReady = machines.filter { !$0.isTrue("Ready") }.compactMap(\.metadata.name)
        if notReady.isEmpty {
            setCondition("MachinesReady", .true, reason: "Ready")
        } else {
            setCondition("MachinesReady", .false, reason: "NotReady", message: "Machines not ready: \(notReady.joined(separator: ", "))")
        }
        let stale = machines.filter { $0.status?.conditions?[type: "UpToDate"]?.status == .false }.compactMap(\.metadata.name)
        if stale.isEmpty {
            setCondition("MachinesUpToDate", .true, reason: "UpToDate")
        } else {
            setCondition("MachinesUpToDate", .false, reason: "NotUpToDate", message: "Machines not up to date: \(stale.joined(separator: ", "))")
        }
        if !metadata.isBeingDeleted { setCondition("Deleting", .false, reason: "NotDeleting") }
    }
}
