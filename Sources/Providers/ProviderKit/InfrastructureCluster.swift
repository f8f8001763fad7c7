import ClusterAPI
import KubeKit

/// A provider's cluster kind (`SSHCluster`, `VSphereCluster`, …) as the generic
/// ``InfraClusterReconciler`` sees it (CAPI v1beta2 InfraCluster contract).
public protocol InfrastructureCluster: CustomResource {
    /// `spec.controlPlaneEndpoint`: set by the user, or mirrored from the Cluster once the
    /// control plane provides it.
    var controlPlaneEndpoint: APIEndpoint? { get set }
    /// The failure domains the user declared in the spec.
    var declaredFailureDomains: [FailureDomain] { get }
    var infrastructureStatus: InfrastructureClusterStatus { get set }
}

/// The status every InfraCluster reports (CAPI v1beta2 InfraCluster contract).
public struct InfrastructureClusterStatus: Codable, Sendable, Hashable {
    public var initialization: Initialization?
    /// Where machines may be placed; CAPI copies them to the Cluster.
    public var failureDomains: [FailureDomain]?
    /// `Ready`, `Paused`.
    public var conditions: [Condition]?
    public var observedGeneration: Int64?

    public init() {}

    public struct Initialization: Codable, Sendable, Hashable {
        /// The cluster's infrastructure is provisioned; never set back to false.
        public var provisioned: Bool?

        public init(provisioned: Bool? = nil) { self.provisioned = provisioned }
    }

    /// The schema of a failure domain (`clusterv1.FailureDomain`).
    public static let failureDomainSchema = OpenAPISchema.object(
        [
            "name": .string(minLength: 1, maxLength: 256),
            "controlPlane": .boolean.description("Whether control-plane machines may be placed here."),
            "attributes": .map(of: .string()).description("Free-form details the provider needs to place a machine here."),
        ], required: ["name"])

    /// The schema of this status, for the CRDs of every InfraCluster kind.
    public static let schema = OpenAPISchema.object([
        "initialization": .object(["provisioned": .boolean.description("The cluster's infrastructure is provisioned.")])
            .description("The CAPI v1beta2 contract's initialization report."),
        "failureDomains": .array(of: failureDomainSchema, listType: .map, mapKeys: ["name"], maxItems: 100)
            .description("Where machines may be placed."),
        "conditions": .conditions,
        "observedGeneration": .integer(minimum: 0, format: "int64"),
    ])

    /// The schema of `spec.controlPlaneEndpoint`.
    public static let endpointSchema = OpenAPISchema.object([
        "host": .string(maxLength: 512).description("Host name or IP address of the API server."),
        "port": .integer(minimum: 1, maximum: 65535).description("TCP port of the API server."),
    ])
}
