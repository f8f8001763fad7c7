import ProviderKit

/// The machine provider for SSH bare metal: `SSHCluster`, `SSHMachine`, `SSHMachineTemplate`, `SSHHost`.
public enum SSHMachinesProvider {
    /// The scheme of the `spec.providerID` this provider reports for its machines.
    public static let providerIDScheme = "ssh"
    /// The API group its kinds are served in.
    public static let group = InfrastructureAPI.group
}
