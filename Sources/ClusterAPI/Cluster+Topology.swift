import Foundation
import KubeKit

extension Cluster {
    /// A managed topology (`clusterv1.Topology`): the Cluster's control plane and workers described
    /// by a ClusterClass plus these values, from which CAPI creates and updates the objects.
    /// Needs CAPI's `ClusterTopology` feature gate.
    public struct Topology: Codable, Sendable, Hashable {
        /// The ClusterClass to build the Cluster from.
        public var classRef: ClassRef
        /// The Kubernetes version of the cluster, e.g. `v1.31.2`.
        public var version: String
        public var controlPlane: ControlPlaneTopology?
        public var workers: WorkersTopology?
        /// Values for the ClusterClass's variables, used by its patches.
        public var variables: [Variable]?

        public init(classRef: ClassRef, version: String) {
            self.classRef = classRef
            self.version = version
        }
    }

    /// A ClusterClass by name (`clusterv1.ClusterClassRef`).
    public struct ClassRef: Codable, Sendable, Hashable {
        public var name: String
        /// The ClusterClass's namespace; default: the Cluster's.
        public var namespace: String?

        public init(name: String, namespace: String? = nil) {
            self.name = name
            self.namespace = namespace
        }
    }

    /// The control plane of a topology (`clusterv1.ControlPlaneTopology`).
    public struct ControlPlaneTopology: Codable, Sendable, Hashable {
        /// Labels and annotations for the control plane object (and its Machines, if it has any),
        /// merged with the ClusterClass's.
        public var metadata: TemplateMetadata?
        /// Number of control-plane nodes; unset when the control plane provider has no replicas.
        public var replicas: Int32?
        public var rollout: Rollout?
        /// Overrides the ClusterClass's health check of the control-plane Machines.
        public var healthCheck: HealthCheck?
        public var deletion: Machine.Deletion?
        /// Taints CAPI keeps on the control-plane Nodes.
        public var taints: [Machine.Taint]?
        /// Extra conditions the control-plane Machines need to be Ready; unset: the ClusterClass's.
        public var readinessGates: [Machine.ReadinessGate]?
        public var variables: VariableOverrides?

        /// When to replace the control-plane Machines (`clusterv1.ControlPlaneTopologyRolloutSpec`).
        public struct Rollout: Codable, Sendable, Hashable {
            /// Replace every control-plane Machine created before this time, even without a change.
            public var after: Date?
        }

        /// Enables, disables or overrides a ClusterClass health check (`clusterv1.ControlPlaneTopologyHealthCheck`).
        public struct HealthCheck: Codable, Sendable, Hashable {
            /// `false`: no MachineHealthCheck; unset: one when a check is defined here or in the
            /// ClusterClass; `true`: always one (checks must then be defined).
            public var enabled: Bool?
            /// Setting `checks` or `remediation` replaces both of the ClusterClass's.
            public var checks: MachineHealthCheck.Checks?
            public var remediation: MachineHealthCheck.Remediation?
        }
    }

    /// A value for a ClusterClass variable (`clusterv1.ClusterVariable`).
    public struct Variable: Codable, Sendable, Hashable {
        public var name: String
        /// Any JSON value, validated against the variable's schema in the ClusterClass.
        public var value: JSONValue

        public init(name: String, value: JSONValue) {
            self.name = name
            self.value = value
        }
    }

    /// Variables of one part of the topology that differ from the Cluster's.
    public struct VariableOverrides: Codable, Sendable, Hashable {
        public var overrides: [Variable]?
    }
}
