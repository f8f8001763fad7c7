import KubeKit

/// What is known of a Cluster (`clusterv1.ClusterStatus`).
public struct ClusterStatus: Codable, Sendable, Hashable {
    /// Known types: `Available`, `InfrastructureReady`, `ControlPlaneInitialized`,
    /// `ControlPlaneAvailable`, `WorkersAvailable`, `MachinesReady`, `MachinesUpToDate`,
    /// `RemoteConnectionProbe`, `ScalingUp`, `ScalingDown`, `Remediating`, `Deleting`, `Paused`,
    /// and `TopologyReconciled` with a ClusterClass.
    public var conditions: [Condition]?
    public var initialization: Initialization?
    /// Counts of the control-plane machines.
    public var controlPlane: ReplicaCounts?
    /// Counts of the worker machines, across MachineDeployments and MachinePools.
    public var workers: ReplicaCounts?
    /// Where machines may be placed, copied from the infrastructure cluster.
    public var failureDomains: [FailureDomain]?
    /// `Pending`, `Provisioning`, `Provisioned`, `Deleting`, `Failed` or `Unknown`.
    public var phase: String?
    public var observedGeneration: Int64?
    public var deprecated: Deprecated?

    public init() {}

    /// The steps of the provisioning contract that are done. Each, once true, stays true.
    public struct Initialization: Codable, Sendable, Hashable {
        /// The infrastructure cluster reports `status.initialization.provisioned`.
        public var infrastructureProvisioned: Bool?
        /// The control plane accepts requests: workers may join and core add-ons be installed.
        public var controlPlaneInitialized: Bool?

        public init(infrastructureProvisioned: Bool? = nil, controlPlaneInitialized: Bool? = nil) {
            self.infrastructureProvisioned = infrastructureProvisioned
            self.controlPlaneInitialized = controlPlaneInitialized
        }
    }

    /// How many machines of one part of the cluster exist and in what state
    /// (`clusterv1.ClusterControlPlaneStatus`, `clusterv1.ClusterWorkersStatus`). A machine counts as
    /// ready, available or up to date when its `Ready`, `Available` or `UpToDate` condition is true.
    public struct ReplicaCounts: Codable, Sendable, Hashable {
        public var desiredReplicas: Int32?
        /// All machines, including those being provisioned or deleted.
        public var replicas: Int32?
        public var readyReplicas: Int32?
        public var availableReplicas: Int32?
        public var upToDateReplicas: Int32?
        /// The Kubernetes versions the machines run, with how many run each.
        public var versions: [StatusVersion]?
        /// With a managed topology, during an upgrade: the versions still to be applied, in order.
        public var upgradePlan: [UpgradePlanVersion]?

        public init(
            desiredReplicas: Int32? = nil, replicas: Int32? = nil, readyReplicas: Int32? = nil, availableReplicas: Int32? = nil,
            upToDateReplicas: Int32? = nil
        ) {
            self.desiredReplicas = desiredReplicas
            self.replicas = replicas
            self.readyReplicas = readyReplicas
            self.availableReplicas = availableReplicas
            self.upToDateReplicas = upToDateReplicas
        }
    }

    /// One step of an upgrade plan (`clusterv1.StatusUpgradePlanVersion`).
    public struct UpgradePlanVersion: Codable, Sendable, Hashable {
        /// A Kubernetes version, e.g. `v1.31.2`.
        public var version: String
    }

    /// The v1beta1 contract's fields, still written for old readers.
    public struct Deprecated: Codable, Sendable, Hashable {
        public var v1beta1: V1Beta1?

        public struct V1Beta1: Codable, Sendable, Hashable {
            public var conditions: [V1Beta1Condition]?
            public var failureReason: String?
            public var failureMessage: String?
        }
    }
}
