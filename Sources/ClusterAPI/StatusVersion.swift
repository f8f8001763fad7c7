/// How many machines run one Kubernetes version (`clusterv1.StatusVersion`), as a
/// MachineDeployment, MachineSet or the Cluster reports its versions during an upgrade.
public struct StatusVersion: Codable, Sendable, Hashable {
    /// The Kubernetes version, e.g. `v1.31.2`.
    public var version: String
    /// Number of machines at this version (at least 1).
    public var replicas: Int32?

    public init(version: String, replicas: Int32? = nil) {
        self.version = version
        self.replicas = replicas
    }
}
