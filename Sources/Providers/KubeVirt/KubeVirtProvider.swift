import ProviderKit

/// The machine provider for KubeVirt virtual machines: `KubeVirtCluster`, `KubeVirtMachine`, `KubeVirtMachineTemplate`.
public enum KubeVirtProvider {
    /// The scheme of the `spec.providerID` this provider reports for its machines.
    public static let providerIDScheme = "kubevirt"
    /// The API group its kinds are served in.
    public static let group = InfrastructureAPI.group
}
