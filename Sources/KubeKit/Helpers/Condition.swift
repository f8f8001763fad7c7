import Foundation

/// A condition (`metav1.Condition`, the v1beta2 contract's form): one aspect of an object's
/// state, with when it last changed and why.
public struct Condition: Codable, Sendable, Hashable {
    /// `True`, `False` or `Unknown`.
    public enum Status: String, Codable, Sendable, Hashable {
        case `true` = "True"
        case `false` = "False"
        case unknown = "Unknown"
    }

    /// CamelCase name, e.g. `Ready`, `BootstrapConfigReady`.
    public var type: String
    public var status: Status
    /// When `status` last changed (not when the condition was last written).
    public var lastTransitionTime: Date
    /// CamelCase reason for the status, e.g. `WaitingForControlPlane`.
    public var reason: String
    /// Human-readable details; may be empty. Never a secret.
    public var message: String
    /// The object's `metadata.generation` the condition was computed for.
    public var observedGeneration: Int64?

    public init(
        type: String, status: Status, reason: String, message: String = "", lastTransitionTime: Date = Date(),
        observedGeneration: Int64? = nil
    ) {
        self.type = type
        self.status = status
        self.reason = reason
        self.message = message
        self.lastTransitionTime = lastTransitionTime
        self.observedGeneration = observedGeneration
    }
}

extension Array where Element == Condition {
    /// The condition of `type`, if set.
    public subscript(type type: String) -> Condition? {
        first { $0.type == type }
    }

    /// Sets `condition`, keeping the existing `lastTransitionTime` unless the status flips, so
    /// re-reconciling an unchanged state changes nothing. Conditions stay sorted by type, with
    /// `Ready` first.
    public mutating func set(_ condition: Condition) {
        var condition = condition
        if let index = firstIndex(where: { $0.type == condition.type }) {
            if self[index].status == condition.status {
                condition.lastTransitionTime = self[index].lastTransitionTime
            }
            self[index] = condition
        } else {
            append(condition)
        }
        sort { ($0.type == "Ready" ? "" : $0.type) < ($1.type == "Ready" ? "" : $1.type) }
    }

    /// Removes the condition of `type`.
    public mutating func remove(type: String) {
        removeAll { $0.type == type }
    }

    /// Sets a summarising `Ready` condition from the conditions of `types`: `False` with the
    /// first false one's reason and message when any is false, else `Unknown` likewise when any
    /// is unknown or missing, else `True` with reason `Ready`.
    public mutating func setReadySummary(of types: [String], observedGeneration: Int64?, now: Date = Date()) {
        let parts = types.map { type in self[type: type] ?? Condition(type: type, status: .unknown, reason: "NotYetReported", message: "\(type) not reported yet") }
        let summary: Condition
        if let failing = parts.first(where: { $0.status == .false }) {
            summary = Condition(type: "Ready", status: .false, reason: failing.reason, message: Self.message(failing), lastTransitionTime: now, observedGeneration: observedGeneration)
        } else if let pending = parts.first(where: { $0.status == .unknown }) {
            summary = Condition(type: "Ready", status: .unknown, reason: pending.reason, message: Self.message(pending), lastTransitionTime: now, observedGeneration: observedGeneration)
        } else {
            summary = Condition(type: "Ready", status: .true, reason: "Ready", message: "", lastTransitionTime: now, observedGeneration: observedGeneration)
        }
        set(summary)
    }

    private static func message(_ condition: Condition) -> String {
        let detail = condition.message.isEmpty ? condition.reason : condition.message
        return "\(condition.type): \(detail)"
    }
}
