import ClusterAPI
import KubeKit

/// A template of ``WorkerConfig``s (`bootstrap.mothership.dev/v1beta1`): a MachineDeployment's
/// `bootstrap.configRef` names one, and CAPI core clones a WorkerConfig from it per Machine.
public struct WorkerConfigTemplate: CustomResource, Hashable {
    public static let resource = ResourceDescriptor(
        group: BootstrapAPI.group, version: BootstrapAPI.version, kind: "WorkerConfigTemplate", plural: "workerconfigtemplates",
        namespaced: true)

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

    /// What each cloned WorkerConfig gets.
    public struct Resource: Codable, Sendable, Hashable {
        /// Labels and annotations of the clones.
        public var metadata: TemplateMetadata?
        public var spec: WorkerConfig.Spec

        public init(metadata: TemplateMetadata? = nil, spec: WorkerConfig.Spec) {
            self.metadata = metadata
            self.spec = spec
        }
    }

    public static let definition = CustomResourceDescription(
        description: "WorkerConfigTemplate is the template CAPI core clones a WorkerConfig from for each Machine of a MachineDeployment or MachineSet.",
        spec: .object(
            [
                "template": .object(
                    [
                        "metadata": .object(["labels": .map(of: .string()), "annotations": .map(of: .string())])
                            .description("Labels and annotations of the clones."),
                        "spec": WorkerConfig.specSchema,
                    ], required: ["spec"])
            ], required: ["template"]),
        shortNames: ["wct"])
}
