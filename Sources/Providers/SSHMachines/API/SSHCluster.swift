import ClusterAPI
import KubeKit
import ProviderKit

/// The infrastructure of a cluster of SSH machines (`infrastructure.mothership.dev/v1beta1`):
/// nothing to build (the servers exist), so it reports its failure domains and the control
/// plane's endpoint and is provisioned at once.
public struct SSHCluster: InfrastructureCluster, Hashable {
    public static let resource = ResourceDescriptor(
        group: InfrastructureAPI.group, version: InfrastructureAPI.version, kind: "SSHCluster", plural: "sshclusters", namespaced: true)

    public var metadata: ObjectMeta
    public var spec: Spec
    public var status: InfrastructureClusterStatus?

    public init(metadata: ObjectMeta, spec: Spec = Spec(), status: InfrastructureClusterStatus? = nil) {
        self.metadata = metadata
        self.spec = spec
        self.status = status
    }

    public struct Spec: Codable, Sendable, Hashable {
        /// Where the API server is reached; mirrored from the Cluster when the control plane
        /// provides it.
        public var controlPlaneEndpoint: APIEndpoint?
        /// Where machines may be placed (SSHHosts name theirs in `spec.failureDomain`).
        public var failureDomains: [FailureDomain]?

        public init(controlPlaneEndpoint: APIEndpoint? = nil, failureDomains: [FailureDomain]? = nil) {
            self.controlPlaneEndpoint = controlPlaneEndpoint
            self.failureDomains = failureDomains
        }
    }

    public var controlPlaneEndpoint: APIEndpoint? {
        get { spec.controlPlaneEndpoint }
        set { spec.controlPlaneEndpoint = newValue }
    }

    public var declaredFailureDomains: [FailureDomain] { spec.failureDomains ?? [] }

    public var infrastructureStatus: InfrastructureClusterStatus {
        get { status ?? InfrastructureClusterStatus() }
        set { status = newValue }
    }

    public static let definition = CustomResourceDescription(
        description: "SSHCluster is the infrastructure of a cluster whose machines are servers reached over SSH: its failure domains and control-plane endpoint.",
        spec: .object([
            "controlPlaneEndpoint": InfrastructureClusterStatus.endpointSchema.description("Where the API server is reached."),
            "failureDomains": .array(of: InfrastructureClusterStatus.failureDomainSchema, listType: .map, mapKeys: ["name"], maxItems: 100)
                .description("Where machines may be placed."),
        ]),
        status: InfrastructureClusterStatus.schema,
        printerColumns: [
            PrinterColumn("Cluster", type: .string, jsonPath: ".metadata.labels['cluster\\.x-k8s\\.io/cluster-name']"),
            PrinterColumn("Provisioned", type: .boolean, jsonPath: ".status.initialization.provisioned"),
        ],
        shortNames: ["sshc"],
        labels: [InfrastructureAPI.contractLabel: InfrastructureAPI.version])
}
