import Foundation

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
