import ClusterAPI
import KubeKit
import ProviderKit

/// A template of ``SSHMachine``s (`infrastructure.mothership.dev/v1beta1`): a
/// MachineDeployment's `infrastructureRef` names one, and CAPI core clones an SSHMachine from it
/// per Machine.
public struct SSHMachineTemplate: CustomResource, Hashable {
    public static let resource = ResourceDescriptor(
        group: InfrastructureAPI.group, version: InfrastructureAPI.version, kind: "SSHMachineTemplate", plural: "sshmachinetemplates",
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

    /// What each cloned SSHMachine gets.
    public struct Resource: Codable, Sendable, Hashable {
        public var metadata: TemplateMetadata?
        public var spec: SSHMachine.Spec

        public init(metadata: TemplateMetadata? = nil, spec: SSHMachine.Spec) {
            self.metadata = metadata
            self.spec = spec
        }
    }

    public static let definition = CustomResourceDescription(
        description: "SSHMachineTemplate is the template CAPI core clones an SSHMachine from for each Machine of a MachineDeployment or MachineSet.",
        spec: .object(
            [
                "template": .object(
                    [
                        "metadata": .object(["labels": .map(of: .string()), "annotations": .map(of: .string())])
                            .description("Labels and annotations of the clones."),
                        "spec": SSHMachine.specSchema,
                    ], required: ["spec"])
            ], required: ["template"]),
        shortNames: ["sshmt"],
        labels: [InfrastructureAPI.contractLabel: InfrastructureAPI.version])
}
