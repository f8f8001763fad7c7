import ClusterAPI
import KubeKit

/// A provider's machine kind (`SSHMachine`, `VSphereMachine`, …) as the generic
/// ``InfraMachineReconciler`` sees it: the fields the CAPI v1beta2 InfraMachine contract names.
public protocol InfrastructureMachine: CustomResource {
    /// `spec.providerID`, e.g. `ssh://10.0.0.5`; set once the machine is provisioned.
    var providerID: String? { get set }
    /// The contract's status fields.
    var infrastructureStatus: InfrastructureMachineStatus { get set }
}

/// The status every InfraMachine reports (CAPI v1beta2 InfraMachine contract), plus the
/// identity of the real machine, recorded as soon as it exists.
public struct InfrastructureMachineStatus: Codable, Sendable, Hashable {
    /// The contract's initialization report: `provisioned` once the machine is up.
    public var initialization: Initialization?
    /// The provider's own ID of the real machine (a VM's UUID, a server ID, the claimed
    /// SSHHost), recorded before anything else happens to it so a restart adopts it instead of
    /// creating another.
    public var instanceID: String?
    /// The machine's addresses (`InternalIP`, `ExternalIP`, `Hostname`, …).
    public var addresses: [MachineAddress]?
    /// The failure domain the machine runs in.
    public var failureDomain: String?
    /// `Ready` (summary), `MachineProvisioned`, `Paused`.
    public var conditions: [Condition]?
    public var observedGeneration: Int64?

    public init() {}

    public struct Initialization: Codable, Sendable, Hashable {
        /// The machine is provisioned; never set back to false.
        public var provisioned: Bool?

        public init(provisioned: Bool? = nil) { self.provisioned = provisioned }
    }

    /// The schema of this status, for the CRDs of every InfraMachine kind.
    public static let schema = OpenAPISchema.object([
        "initialization": .object(["provisioned": .boolean.description("The machine is provisioned; never set back to false.")])
            .description("The CAPI v1beta2 contract's initialization report."),
        "instanceID": .string().description("The provider's own ID of the real machine, recorded before anything else happens to it."),
        "addresses": .array(
            of: .object(
                [
                    "type": .string(enum: ["Hostname", "ExternalIP", "InternalIP", "ExternalDNS", "InternalDNS"]),
                    "address": .string(minLength: 1, maxLength: 256),
                ], required: ["type", "address"])
        ).description("The machine's addresses."),
        "failureDomain": .string(maxLength: 256).description("The failure domain the machine runs in."),
        "conditions": .conditions,
        "observedGeneration": .integer(minimum: 0, format: "int64"),
    ])
}

extension InfrastructureMachineStatus {
    /// The condition reporting the real machine's creation and provisioning.
    public static let machineProvisioned = "MachineProvisioned"
    /// The condition saying whether reconciling is paused.
    public static let paused = "Paused"
}
