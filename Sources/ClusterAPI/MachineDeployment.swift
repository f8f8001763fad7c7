import Foundation
import KubeKit

/// A CAPI MachineDeployment (`cluster.x-k8s.io/v1beta2`): a group of worker Machines of one
/// template, rolled out to a new template through MachineSets the way a Deployment rolls Pods
/// through ReplicaSets. Users write these; CAPI core creates the MachineSets and Machines. Fields
/// follow the v1.14 CRD exactly.
public struct MachineDeployment: KubeResource, Hashable {
    public static let resource = ResourceDescriptor(
        group: ClusterAPIGroup.group, version: ClusterAPIGroup.version, kind: "MachineDeployment",
        plural: "machinedeployments", namespaced: true)

    public var metadata: ObjectMeta
    public var spec: Spec
    public var status: MachineDeploymentStatus?

    public init(metadata: ObjectMeta, spec: Spec, status: MachineDeploymentStatus? = nil) {
        self.metadata = metadata
        self.spec = spec
        self.status = status
    }

    /// The Machines the deployment should have, and how to change them.
    public struct Spec: Codable, Sendable, Hashable {
        /// The Cluster this deployment belongs to.
        public var clusterName: String
        /// How many Machines to keep; unset means the autoscaler's min-size annotation, else 1.
        public var replicas: Int32?
        /// How a new template replaces the old Machines.
        public var rollout: Rollout?
        /// The Machines that count as members; must match the template's labels.
        public var selector: LabelSelectorSpec
        /// The Machine to create; changing it rolls out new Machines.
        public var template: MachineTemplateSpec
        /// How Machines are named; copied to the MachineSets.
        public var machineNaming: MachineSet.MachineNaming?
        public var remediation: Remediation?
        /// Which Machines go first when scaling down; copied to the MachineSets.
        public var deletion: MachineSet.Deletion?
        /// While true, template changes are not rolled out.
        public var paused: Bool?

        public init(
            clusterName: String, replicas: Int32? = nil, selector: LabelSelectorSpec, template: MachineTemplateSpec
        ) {
            self.clusterName = clusterName
            self.replicas = replicas
            self.selector = selector
            self.template = template
        }
    }

    /// When and how Machines are replaced (`clusterv1.MachineDeploymentRolloutSpec`).
    public struct Rollout: Codable, Sendable, Hashable {
        /// Replace every Machine created before this time, even without a template change.
        public var after: Date?
        public var strategy: Strategy?

        public init(after: Date? = nil, strategy: Strategy? = nil) {
            self.after = after
            self.strategy = strategy
        }
    }

    /// How Machines are replaced.
    public struct Strategy: Codable, Sendable, Hashable {
        /// `RollingUpdate` (default) or `OnDelete` (new Machines only as old ones are deleted).
        public var type: String
        /// Present only for `RollingUpdate`.
        public var rollingUpdate: RollingUpdate?

        public init(type: String, rollingUpdate: RollingUpdate? = nil) {
            self.type = type
            self.rollingUpdate = rollingUpdate
        }
    }

    /// The pace of a rolling update; the two may not both be 0.
    public struct RollingUpdate: Codable, Sendable, Hashable {
        /// Machines that may be unavailable during the update: a number or a percentage of
        /// `replicas`, rounded down. Default 0.
        public var maxUnavailable: IntOrString?
        /// Machines that may exist above `replicas` during the update: a number or a percentage,
        /// rounded up. Default 1.
        public var maxSurge: IntOrString?

        public init(maxUnavailable: IntOrString? = nil, maxSurge: IntOrString? = nil) {
            self.maxUnavailable = maxUnavailable
            self.maxSurge = maxSurge
        }
    }

    /// How unhealthy Machines are remediated (`clusterv1.MachineDeploymentRemediationSpec`).
    public struct Remediation: Codable, Sendable, Hashable {
        /// How many remediations may run at once: a number or a percentage of `replicas`;
        /// unset: no limit. Only the newest MachineSet remediates.
        public var maxInFlight: IntOrString?
    }
}
