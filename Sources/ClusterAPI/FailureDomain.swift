/// One failure domain a cluster may spread its machines across (`clusterv1.FailureDomain`),
/// e.g. an availability zone or a vSphere cluster: reported by the infrastructure cluster in
/// `status.failureDomains`, copied to `Cluster.status.failureDomains`, and named by
/// `Machine.spec.failureDomain`.
public struct FailureDomain: Codable, Sendable, Hashable {
    public var name: String
    /// Whether control-plane machines may be placed here.
    public var controlPlane: Bool?
    /// Free-form details the infrastructure provider needs to place a machine here.
    public var attributes: [String: String]?

    public init(name: String, controlPlane: Bool? = nil, attributes: [String: String]? = nil) {
        self.name = name
        self.controlPlane = controlPlane
        self.attributes = attributes
    }
}
