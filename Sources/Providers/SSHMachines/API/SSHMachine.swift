import KubeKit
import ProviderKit

/// A machine on a server reached over SSH (`infrastructure.mothership.dev/v1beta1`): claims a
/// free ``SSHHost`` matching `hostSelector`, runs the Machine's cloud-config on it, and on
/// deletion runs the cleanup commands and releases the host.
public struct SSHMachine: InfrastructureMachine, Hashable {
    public static let resource = ResourceDescriptor(
        group: InfrastructureAPI.group, version: InfrastructureAPI.version, kind: "SSHMachine", plural: "sshmachines", namespaced: true)

    public var metadata: ObjectMeta
    public var spec: Spec
    public var status: InfrastructureMachineStatus?

    public init(metadata: ObjectMeta, spec: Spec = Spec(), status: InfrastructureMachineStatus? = nil) {
        self.metadata = metadata
        self.spec = spec
        self.status = status
    }

    public var providerID: String? {
        get { spec.providerID }
        set { spec.providerID = newValue }
    }

    public var infrastructureStatus: InfrastructureMachineStatus {
        get { status ?? InfrastructureMachineStatus() }
        set { status = newValue }
    }

    public struct Spec: Codable, Sendable, Hashable {
        /// `ssh://<address>`, set once provisioned.
        public var providerID: String?
        /// Which SSHHosts (in the same namespace) may be claimed; empty: any.
        public var hostSelector: LabelSelectorSpec?
        /// The node software, choosing the default cleanup: `k0s` (default) or `kubeadm`.
        public var flavor: Flavor?
        /// Commands run (in order) on deletion before the files bootstrap wrote are removed;
        /// default per flavor: `k0s reset` or `kubeadm reset -f`.
        public var cleanupCommands: [String]?
        /// The longest one bootstrap or cleanup step may run, in seconds; default 600.
        public var commandTimeoutSeconds: Int32?

        public init(hostSelector: LabelSelectorSpec? = nil, flavor: Flavor? = nil, cleanupCommands: [String]? = nil, commandTimeoutSeconds: Int32? = nil) {
            self.hostSelector = hostSelector
            self.flavor = flavor
            self.cleanupCommands = cleanupCommands
            self.commandTimeoutSeconds = commandTimeoutSeconds
        }
    }

    public enum Flavor: String, Codable, Sendable, Hashable, CaseIterable {
        case k0s, kubeadm

        /// What deletion runs unless `cleanupCommands` says otherwise.
        public var defaultCleanupCommands: [String] {
            switch self {
            case .k0s: return ["k0s reset"]
            case .kubeadm: return ["kubeadm reset -f"]
            }
        }
    }

    static let specSchema = OpenAPISchema.object([
        "providerID": .string(maxLength: 512).description("ssh://<address>, set once provisioned."),
        "hostSelector": .object([
            "matchLabels": .map(of: .string()),
            "matchExpressions": .array(
                of: .object(
                    ["key": .string(minLength: 1), "operator": .string(enum: ["In", "NotIn", "Exists", "DoesNotExist"]), "values": .array(of: .string())],
                    required: ["key", "operator"])),
        ]).description("Which SSHHosts in the namespace may be claimed; empty: any."),
        "flavor": .string(enum: Flavor.allCases.map(\.rawValue)).defaultValue("k0s").description("k0s (default) or kubeadm; chooses the default cleanup."),
        "cleanupCommands": .array(of: .string(minLength: 1)).description("Run in order on deletion; default k0s reset or kubeadm reset -f."),
        "commandTimeoutSeconds": .integer(minimum: 1, maximum: 86400).description("The longest one bootstrap or cleanup step may run; default 600."),
    ])

    public static let definition = CustomResourceDescription(
        description: "SSHMachine is a Cluster API machine on a server reached over SSH: it claims an SSHHost, runs the bootstrap cloud-config there, and cleans up and releases the host on deletion.",
        spec: specSchema,
        status: InfrastructureMachineStatus.schema,
        printerColumns: [
            PrinterColumn("Cluster", type: .string, jsonPath: ".metadata.labels['cluster\\.x-k8s\\.io/cluster-name']"),
            PrinterColumn("Host", type: .string, jsonPath: ".status.instanceID"),
            PrinterColumn("Provider ID", type: .string, jsonPath: ".spec.providerID"),
            PrinterColumn("Provisioned", type: .boolean, jsonPath: ".status.initialization.provisioned"),
        ],
        shortNames: ["sshm"],
        labels: [InfrastructureAPI.contractLabel: InfrastructureAPI.version])
}
