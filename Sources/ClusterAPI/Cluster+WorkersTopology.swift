import KubeKit

extension Cluster {
    /// The worker machines of a topology (`clusterv1.WorkersTopology`).
    public struct WorkersTopology: Codable, Sendable, Hashable {
        public var machineDeployments: [MachineDeploymentTopology]?
        public var machinePools: [MachinePoolTopology]?
    }

    /// One MachineDeployment of a topology, made from a MachineDeploymentClass (`clusterv1.MachineDeploymentTopology`).
    public struct MachineDeploymentTopology: Codable, Sendable, Hashable {
        /// Labels and annotations for the MachineDeployment, merged with the class's.
        public var metadata: TemplateMetadata?
        /// The MachineDeploymentClass of the ClusterClass to use.
        public var `class`: String
        /// Unique in the topology; part of the generated MachineDeployment's name.
        public var name: String
        /// Where to place the Machines; one of the Cluster's failure domains.
        public var failureDomain: String?
        /// Number of Machines; unset leaves it to an autoscaler (the MachineDeployment starts at 1).
        public var replicas: Int32?
        /// Overrides the class's health check of these Machines.
        public var healthCheck: HealthCheck?
        public var deletion: Deletion?
        /// Seconds a new Machine must be ready before it counts as available; default 0.
        public var minReadySeconds: Int32?
        /// Extra conditions the Machines need to be Ready; unset: the class's.
        public var readinessGates: [Machine.ReadinessGate]?
        public var rollout: MachineDeployment.Rollout?
        /// Taints CAPI keeps on the Nodes.
        public var taints: [Machine.Taint]?
        public var variables: VariableOverrides?

        /// Enables, disables or overrides a class's health check (`clusterv1.MachineDeploymentTopologyHealthCheck`).
        public struct HealthCheck: Codable, Sendable, Hashable {
            /// `false`: no MachineHealthCheck; unset: one when a check is defined here or in the
            /// class; `true`: always one (checks must then be defined).
            public var enabled: Bool?
            /// Setting `checks` or `remediation` replaces both of the class's.
            public var checks: MachineHealthCheck.Checks?
            public var remediation: Remediation?
        }

        /// If and how unhealthy Machines are remediated (`clusterv1.MachineDeploymentTopologyHealthCheckRemediation`).
        public struct Remediation: Codable, Sendable, Hashable {
            /// How many remediations may run at once: a number or a percentage; unset: no limit.
            public var maxInFlight: IntOrString?
            public var triggerIf: MachineHealthCheck.TriggerIf?
            public var templateRef: MachineHealthCheck.RemediationTemplateReference?
        }

        /// How Machines are deleted (`clusterv1.MachineDeploymentTopologyMachineDeletionSpec`).
        public struct Deletion: Codable, Sendable, Hashable {
            /// Which Machines go first when scaling down: `Random` (default), `Newest` or `Oldest`.
            public var order: String?
            /// Seconds to spend draining a Node; 0 (default) means no limit.
            public var nodeDrainTimeoutSeconds: Int32?
            /// Seconds to wait for a Node's volumes to detach; 0 (default) means no limit.
            public var nodeVolumeDetachTimeoutSeconds: Int32?
            /// Seconds to keep trying to delete the Node; 0 retries forever. Default 10.
            public var nodeDeletionTimeoutSeconds: Int32?
        }
    }

    /// One MachinePool of a topology, made from a MachinePoolClass (`clusterv1.MachinePoolTopology`).
    public struct MachinePoolTopology: Codable, Sendable, Hashable {
        /// Labels and annotations for the MachinePool, merged with the class's.
        public var metadata: TemplateMetadata?
        /// The MachinePoolClass of the ClusterClass to use.
        public var `class`: String
        /// Unique in the topology; part of the generated MachinePool's name.
        public var name: String
        /// The Cluster's failure domains to create the pool in.
        public var failureDomains: [String]?
        public var deletion: Machine.Deletion?
        /// Seconds a new node must be ready before it counts as available; default 0.
        public var minReadySeconds: Int32?
        /// Number of nodes; unset leaves it to an autoscaler (the MachinePool starts at 1).
        public var replicas: Int32?
        /// Taints CAPI keeps on the Nodes.
        public var taints: [Machine.Taint]?
        public var variables: VariableOverrides?
    }
}
