import KubeKit

/// A CAPI Cluster (`cluster.x-k8s.io/v1beta2`): one workload cluster, tying together its control
/// plane object, its infrastructure cluster object and, with a ClusterClass, the topology CAPI
/// generates them from. Fields follow the v1.14 CRD exactly.
public struct Cluster: KubeResource, Hashable {
    public static let resource = ResourceDescriptor(
        group: ClusterAPIGroup.group, version: ClusterAPIGroup.version, kind: "Cluster", plural: "clusters",
        namespaced: true)

    public var metadata: ObjectMeta
    public var spec: Spec
    public var status: ClusterStatus?

    public init(metadata: ObjectMeta, spec: Spec, status: ClusterStatus? = nil) {
        self.metadata = metadata
        self.spec = spec
        self.status = status
    }

    /// What the Cluster should be.
    public struct Spec: Codable, Sendable, Hashable {
        /// Stops every controller from reconciling the Cluster and the objects belonging to it.
        public var paused: Bool?
        /// Extra Cluster conditions the `Available` condition requires; unset: the ClusterClass's.
        public var availabilityGates: [AvailabilityGate]?
        public var clusterNetwork: ClusterNetwork?
        /// Where the API server is reached, once the control plane or infrastructure provider
        /// knows it.
        public var controlPlaneEndpoint: APIEndpoint?
        /// The provider object running the control plane (e.g. a `HostedControlPlane`).
        public var controlPlaneRef: ContractVersionedObjectReference?
        /// The provider object holding the cluster's infrastructure (e.g. a `VSphereCluster`).
        public var infrastructureRef: ContractVersionedObjectReference?
        /// The managed topology: CAPI creates the referenced objects from a ClusterClass.
        public var topology: Topology?

        public init(
            paused: Bool? = nil, clusterNetwork: ClusterNetwork? = nil, controlPlaneEndpoint: APIEndpoint? = nil,
            controlPlaneRef: ContractVersionedObjectReference? = nil,
            infrastructureRef: ContractVersionedObjectReference? = nil, topology: Topology? = nil
        ) {
            self.paused = paused
            self.clusterNetwork = clusterNetwork
            self.controlPlaneEndpoint = controlPlaneEndpoint
            self.controlPlaneRef = controlPlaneRef
            self.infrastructureRef = infrastructureRef
            self.topology = topology
        }
    }

    /// A Cluster condition that must hold for the Cluster to be `Available` (`clusterv1.ClusterAvailabilityGate`).
    public struct AvailabilityGate: Codable, Sendable, Hashable {
        /// A condition type in the Cluster's conditions; missing counts as `Unknown`.
        public var conditionType: String
        /// `Positive` (default: the condition is normally true) or `Negative` (normally false).
        public var polarity: String?
    }

    /// The workload cluster's network (`clusterv1.ClusterNetwork`).
    public struct ClusterNetwork: Codable, Sendable, Hashable {
        /// The port the API server binds to; default 6443.
        public var apiServerPort: Int32?
        /// Where Service virtual IPs are allocated from.
        public var services: NetworkRanges?
        /// Where Pod IPs are allocated from.
        public var pods: NetworkRanges?
        /// The DNS domain of Services, e.g. `cluster.local`.
        public var serviceDomain: String?

        public init(
            apiServerPort: Int32? = nil, services: NetworkRanges? = nil, pods: NetworkRanges? = nil,
            serviceDomain: String? = nil
        ) {
            self.apiServerPort = apiServerPort
            self.services = services
            self.pods = pods
            self.serviceDomain = serviceDomain
        }
    }

    /// A set of IP ranges.
    public struct NetworkRanges: Codable, Sendable, Hashable {
        /// CIDR blocks, e.g. `10.96.0.0/12`.
        public var cidrBlocks: [String]

        public init(cidrBlocks: [String]) {
            self.cidrBlocks = cidrBlocks
        }
    }
}
