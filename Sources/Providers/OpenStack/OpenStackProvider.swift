import ProviderKit

/// The machine provider for OpenStack Nova and Ironic (REST): `OpenStackCluster`, `OpenStackMachine`, `IronicMachine` and their templates.
public enum OpenStackProvider {
    /// The scheme of the `spec.providerID` this provider reports for its machines.
    public static let providerIDScheme = "openstack"
    /// The API group its kinds are served in.
    public static let group = InfrastructureAPI.group
}
