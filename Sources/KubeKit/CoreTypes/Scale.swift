/// The scale subresource (`autoscaling/v1/Scale`) of a kind that has one (MachineDeployments,
/// HostedControlPlanes).
public struct Scale: Codable, Sendable, Hashable {
    public var apiVersion: String?
    public var kind: String?
    public var metadata: ObjectMeta
    public var spec: Spec
    public var status: ScaleStatus?

    public struct Spec: Codable, Sendable, Hashable {
        /// Desired replicas.
        public var replicas: Int32?
        public init(replicas: Int32? = nil) { self.replicas = replicas }
    }

    public struct ScaleStatus: Codable, Sendable, Hashable {
        /// Actual replicas.
        public var replicas: Int32
        /// Label selector of the pods or machines, in query syntax.
        public var selector: String?
    }

    public init(metadata: ObjectMeta, spec: Spec) {
        self.apiVersion = "autoscaling/v1"
        self.kind = "Scale"
        self.metadata = metadata
        self.spec = spec
    }
}
