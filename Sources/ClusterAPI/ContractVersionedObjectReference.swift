/// A reference to a provider object by API group, kind and name, in the referrer's namespace
/// (`clusterv1.ContractVersionedObjectReference`): how v1beta2 points at infrastructure,
/// bootstrap and control-plane objects. The version is found through the contract label of
/// the group's CRD, not stored here.
public struct ContractVersionedObjectReference: Codable, Sendable, Hashable {
    /// E.g. `infrastructure.mothership.dev`.
    public var apiGroup: String
    public var kind: String
    public var name: String

    public init(apiGroup: String, kind: String, name: String) {
        self.apiGroup = apiGroup
        self.kind = kind
        self.name = name
    }
}
