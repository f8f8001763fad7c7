import ClusterAPI
import KubeKit
import ProviderKit

/// The machine provider for SSH bare metal: `SSHCluster`, `SSHMachine`, `SSHMachineTemplate`, `SSHHost`.
public enum SSHMachinesProvider {
    /// The scheme of the `spec.providerID` this provider reports for its machines.
    public static let providerIDScheme = "ssh"
    /// The API group its kinds are served in.
    public static let group = InfrastructureAPI.group
    /// The finalizer that holds an SSHMachine until its host is cleaned up and released.
    public static let finalizer = "infrastructure.mothership.dev/sshmachine"

    /// The kinds whose CRDs the provider's components carry.
    public static let kinds: [any CustomResource.Type] = [SSHCluster.self, SSHMachine.self, SSHMachineTemplate.self, SSHHost.self]
}
