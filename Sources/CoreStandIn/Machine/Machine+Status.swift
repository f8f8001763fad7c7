import ClusterAPI
import Foundation
import KubeKit

extension Machine {
    /// Sets the v1beta2 condition `type`, keeping its transition time unless the status flips.
    mutating func setCondition(_ type: String, _ status: Condition.Status, reason: String, message: String = "") {
        var machineStatus = self.status ?? MachineStatus()
        var conditions = machineStatus.conditions ?? []
        conditions.set(Condition(type: type, status: status, reason: reason, message: message, observedGeneration: metadata.generation))
        machineStatus.conditions = conditions
        self.status = machineStatus
    }

    /// Records a step of the provisioning contract as done; each stays true once set.
    mutating func markInitialized(bootstrap: Bool = false, infrastructure: Bool = false) {
        var status = self.status ?? MachineStatus()
        var initialization = status.initialization ?? MachineStatus.Initialization()
        if bootstrap { initialization.bootstrapDataSecretCreated = true }
        if infrastructure { initialization.infrastructureProvisioned = true }
        status.initialization = initialization
        self.status = status
    }

    /// Whether a MachineSet controls the Machine (then the MachineSet reports `UpToDate`).
    var isOwnedByMachineSet: Bool {
        metadata.controllerReference?.refers(to: MachineSet.resource) ?? false
    }

    /// Sets `Ready` (a summary of `BootstrapConfigReady`, `InfrastructureReady` and
    /// `NodeHealthy`; false while deleting), the phase and `observedGeneration`.
    mutating func summarize() {
        var status = self.status ?? MachineStatus()
        var conditions = status.conditions ?? []
        if metadata.isBeingDeleted {
            conditions.set(Condition(type: "Ready", status: .false, reason: "Deleting", message: "the Machine is being deleted", observedGeneration: metadata.generation))
            conditions.set(Condition(type: "Available", status: .false, reason: "Deleting", message: "the Machine is being deleted", observedGeneration: metadata.generation))
        } else {
            conditions.setReadySummary(of: ["BootstrapConfigReady", "InfrastructureReady", "NodeHealthy"], observedGeneration: metadata.generation)
        }
        status.conditions = conditions
        status.observedGeneration = metadata.generation
        status.phase = phase(status)
        self.status = status
    }

    /// CAPI's Machine phases: `Pending`; `Provisioning` once the bootstrap data exists and the
    /// infrastructure is not provisioned; `Provisioned` once a providerID is set; `Running` once
    /// the Node is found; `Deleting` once deletion is requested; `Failed` when the infrastructure
    /// machine vanished after provisioning.
    private func phase(_ status: MachineStatus) -> String {
        if metadata.isBeingDeleted { return "Deleting" }
        if status.conditions?[type: "InfrastructureReady"]?.reason == "Deleted" { return "Failed" }
        let bootstrapped = status.initialization?.bootstrapDataSecretCreated == true
        let provisioned = status.initialization?.infrastructureProvisioned == true
        var phase = "Pending"
        if bootstrapped && !provisioned { phase = "Provisioning" }
        if spec.providerID != nil && provisioned { phase = "Provisioned" }
        if status.nodeRef != nil && provisioned { phase = "Running" }
        return phase
    }

    /// Sets `Available`: `Ready` has held for `spec.minReadySeconds` (default 0). Returns how long
    /// to wait before it may become available, when `Ready` holds but not yet long enough.
    mutating func updateAvailability(now: Date = Date()) -> Duration? {
        var probe = self
        probe.summarize()
        guard let ready = probe.status?.conditions?[type: "Ready"], ready.status == .true else {
            setCondition("Available", .false, reason: "NotReady", message: "the Machine is not Ready")
            return nil
        }
        let minReady = TimeInterval(spec.minReadySeconds ?? 0)
        let readyFor = now.timeIntervalSince(ready.lastTransitionTime)
        guard minReady == 0 || readyFor >= minReady else {
            setCondition("Available", .false, reason: "WaitingForMinReadySeconds", message: "Ready for less than \(Int(minReady)) s")
            return .seconds(max(1, minReady - readyFor))
        }
        setCondition("Available", .true, reason: "Available")
        return nil
    }

    /// Whether a condition of `type` is true.
    func isTrue(_ type: String) -> Bool { status?.conditions?[type: type]?.status == .true }
}
