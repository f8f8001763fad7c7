import ProviderKit

/// The machine provider for vSphere (vim25 SOAP): `VSphereCluster`, `VSphereMachine`, `VSphereMachineTemplate`.
public enum VSphereProvider {
    /// The scheme of the `spec.providerID` this provider reports for its machines.
    public static let providerIDScheme = "vsphere"
    /// The API group its kinds are served in.
    public static let group = InfrastructureAPI.group
}
