import ClusterAPI
import Foundation
import KubeKit

/// Which Machines a MachineSet deletes first when it scales down, as CAPI ranks them: Machines
/// already being deleted, then those annotated `cluster.x-k8s.io/delete-machine`, then unhealthy
/// ones (no Node yet, or `NodeHealthy` or `HealthCheckSucceeded` false), then the rest in the
/// order of `spec.deletion.order`: `Oldest` or `Newest` by creation time, `Random` (the default)
/// in list order (by name). Ties keep list order.
enum MachineDeletionOrder {
    static func sorted(_ machines: [Machine], order: String?) -> [Machine] {
        let listed = machines.sorted { ($0.metadata.name ?? "") < ($1.metadata.name ?? "") }
        return listed.enumerated().sorted { lhs, rhs in
            let (left, right) = (rank(lhs.element), rank(rhs.element))
            if left != right { return left < right }
            if left == 3, let age = compareAge(lhs.element, rhs.element, order: order) { return age }
            return lhs.offset < rhs.offset
        }.map(\.element)
    }

    /// 0 deleting, 1 marked for deletion, 2 unhealthy, 3 healthy.
    private static func rank(_ machine: Machine) -> Int {
        if machine.metadata.isBeingDeleted { return 0 }
        if machine.metadata.annotations?[CoreNames.deleteMachineAnnotation] != nil { return 1 }
        if !isHealthy(machine) { return 2 }
        return 3
    }

    /// CAPI's `isMachineHealthy`: a Node exists and neither `NodeHealthy` nor
    /// `HealthCheckSucceeded` is false (unknown counts as healthy).
    static func isHealthy(_ machine: Machine) -> Bool {
        guard machine.status?.nodeRef != nil else { return false }
        let conditions = machine.status?.conditions ?? []
        return conditions[type: "NodeHealthy"]?.status != .false && conditions[type: "HealthCheckSucceeded"]?.status != .false
    }

    private static func compareAge(_ lhs: Machine, _ rhs: Machine, order: String?) -> Bool? {
        let (left, right) = (lhs.metadata.creationTimestamp ?? .distantPast, rhs.metadata.creationTimestamp ?? .distantPast)
        guard left != right else { return nil }
        switch order {
        case "Oldest": return left < right
        case "Newest": return left > right
        default: return nil
        }
    }
}
