import Foundation

/// What the runtime knows about one container of a pod, from which its `containerStatuses`
/// entry is written.
struct ContainerRecord: Sendable {
    /// The container's state, as `v1.ContainerState`.
    enum State: Sendable, Hashable {
        case waiting(reason: String, message: String?)
        case running(startedAt: Date)
        case terminated(exitCode: Int32, signal: Int32?, reason: String, startedAt: Date, finishedAt: Date)
    }

    var name: String
    var image: String
    var state: State = .waiting(reason: "ContainerCreating", message: nil)
    var lastState: State?
    var restartCount: Int32 = 0
    var ready = false
    var started = false
    var process: ContainerProcess?

    /// Whether it ran to completion with exit code 0.
    var succeeded: Bool {
        if case .terminated(let code, _, _, _, _) = state { return code == 0 }
        return false
    }

    var isRunning: Bool {
        if case .running = state { return true }
        return false
    }
}
