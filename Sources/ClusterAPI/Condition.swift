import Foundation

/// A v1beta2 condition (`metav1.Condition`): one aspect of an object's state, with when it last
/// changed and why.
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
    /// Human-readable details; may be empty.
    public var message: String?
    /// The object's `metadata.generation` the condition was computed for.
    public var observedGeneration: Int64?

    public init(
        type: String, status: Status, reason: String, message: String? = nil, lastTransitionTime: Date,
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

/// A v1beta1 condition (`clusterv1.Condition`), kept under `status.deprecated.v1beta1` for
/// readers of the old contract.
public struct V1Beta1Condition: Codable, Sendable, Hashable {
    public var type: String
    public var status: String
    /// `Error`, `Warning` or `Info` when `status` is `False`.
    public var severity: String?
    public var lastTransitionTime: Date?
    public var reason: String?
    public var message: String?
}
