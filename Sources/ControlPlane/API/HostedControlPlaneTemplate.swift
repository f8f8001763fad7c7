import ClusterAPI
import KubeKit

/// A template of ``HostedControlPlane``s (`controlplane.mothership.dev/v1beta1`), for
/// ClusterClass: CAPI core clones a HostedControlPlane from it per Cluster and sets its
/// `version` and `replicas` from the Cluster's topology.
public struct HostedControlPlaneTemplate: CustomResource, Hashable {
    public static let resource = ResourceDescriptor(
        group: ControlPlaneAPI.group, version: ControlPlaneAPI.version, kind: "HostedControlPlaneTemplate",
        plural: "hostedcontrolplanetemplates", namespaced: true)

    public var metadata: ObjectMeta
    public var spec: Spec

    public init(metadata: ObjectMeta, spec: Spec) {
        self.metadata = metadata
        self.spec = spec
    }

    public struct Spec: Codable, Sendable, Hashable {
        public var template: Resource

        public init(template: Resource) { self.template = template }
    }

    /// What each cloned HostedControlPlane gets.
    public struct Resource: Codable, Sendable, Hashable {
        /// Labels and annotations of the clones.
        public var metadata: TemplateMetadata?
        /// The clones' spec; `version` may be left out (the topology sets it).
        public var spec: TemplateSpec

        public init(metadata: TemplateMetadata? = nil, spec: TemplateSpec) {
            self.metadata = metadata
            self.spec = spec
        }
    }

    /// ``HostedControlPlane/Spec`` with every field optional.
    public struct TemplateSpec: Codable, Sendable, Hashable {
        public var version: String?
        public var flavor: HostedControlPlane.Flavor?
        public var replicas: Int32?
        public var imageRepository: String?
        public var service: HostedControlPlane.ServiceSpec?
        public var controlPlaneEndpoint: APIEndpoint?
        public var datastore: HostedControlPlane.Datastore?
        public var persistence: HostedControlPlane.Persistence?
        public var resources: HostedControlPlane.ResourceRequirements?
        public var placement: HostedControlPlane.Placement?
        public var extraArgs: HostedControlPlane.ExtraArgs?
        public var addons: [HostedControlPlane.Addon]?
        public var certificates: HostedControlPlane.Certificates?

        public init(flavor: HostedControlPlane.Flavor? = nil) { self.flavor = flavor }
    }

    public static let definition = CustomResourceDescription(
        description: "HostedControlPlaneTemplate is the template a ClusterClass clones a HostedControlPlane from for each Cluster.",
        spec: .object(
            [
                "template": .object(
                    [
                        "metadata": .object(["labels": .map(of: .string()), "annotations": .map(of: .string())])
                            .description("Labels and annotations of the clones."),
                        "spec": HostedControlPlane.specSchema(requiringVersion: false),
                    ], required: ["spec"])
            ], required: ["template"]),
        shortNames: ["hcpt"],
        labels: [ClusterAPIGroup.contractVersionLabel: ControlPlaneAPI.version])
}
