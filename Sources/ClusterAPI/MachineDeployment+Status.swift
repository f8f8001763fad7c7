import KubeKit

/// What is known of a MachineDeployment (`clusterv1.MachineDeploymentStatus`). A Machine counts
/// as ready, available or up to date when its `Ready`, `Available` or `UpToDate` condition is true.
public struct MachineDeploymentStatus: Codable, Sendable, Hashable {
    /// Known types: `Available`, `MachinesReady`, `MachinesUpToDate`, `ScalingUp`, `ScalingDown`,
    /// `Remediating`, `Deleting`, `Paused`.
    public var conditions: [Condition]?
    public var observedGeneration: Int64?
    /// `spec.selector` in query syntax, for the scale subresource.
    public var selector: String?
    /// Number of non-terminated Machines the selector matches.
    public var replicas: Int32?
    public var readyReplicas: Int32?
    public var availableReplicas: Int32?
    public var upToDateReplicas: Int32?
    /// The Kubernetes versions of the deployment's Machines, with how many run each.
    public var versions: [StatusVersion]?
    /// `ScalingUp`, `ScalingDown`, `Running`, `Failed` or `Unknown`.
    public var phase: String?
    public var deprecated: Deprecated?

    public init() {}

    /// The v1beta1 contract's fields, still written for old readers.
    public struct Deprecated: Codable, Sendable, Hashable {
        public var v1beta1: V1Beta1?

        public struct V1Beta1: Codable, Sendable, Hashable {
            public var conditions: [V1Beta1Condition]?
            public var updatedReplicas: Int32?
            public var readyReplicas: Int32?
            public var availableReplicas: Int32?
            public var unavailableReplicas: Int32?
        }
    }
}
