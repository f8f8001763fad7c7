import KubeKit

/// A CAPI MachineHealthCheck (`cluster.x-k8s.io/v1beta2`): which Machines of a Cluster to watch,
/// when a Machine counts as unhealthy (its Node missing, or a condition stuck too long), and
/// whether and how unhealthy Machines are remediated. Fields follow the v1.14 CRD exactly.
public struct MachineHealthCheck: KubeResource, Hashable {
    public static let resource = ResourceDescriptor(
        group: ClusterAPIGroup.group, version: ClusterAPIGroup.version, kind: "MachineHealthCheck",
        plural: "machinehealthchecks", namespaced: true)

    public var metadata: ObjectMeta
    public var spec: Spec
    public var status: MachineHealthCheckStatus?

    public init(metadata: ObjectMeta, spec: Spec, status: MachineHealthCheckStatus? = nil) {
        self.metadata = metadata
        self.spec = spec
        self.status = status
    }

    /// The health check policy.
    public struct Spec: Codable, Sendable, Hashable {
        /// The Cluster whose Machines are checked.
        public var clusterName: String
        /// The Machines to check.
        public var selector: LabelSelectorSpec
        /// When a Machine is unhealthy. Machines with the `cluster.x-k8s.io/remediate-machine`
        /// annotation or a deleted Node are always unhealthy.
        public var checks: Checks?
        /// Whether and how unhealthy Machines are remediated; unset: always, by their owner.
        public var remediation: Remediation?

        public init(
            clusterName: String, selector: LabelSelectorSpec, checks: Checks? = nil, remediation: Remediation? = nil
        ) {
            self.clusterName = clusterName
            self.selector = selector
            self.checks = checks
            self.remediation = remediation
        }
    }

    /// When a Machine is unhealthy (`clusterv1.MachineHealthCheckChecks`); the conditions are ORed.
    public struct Checks: Codable, Sendable, Hashable {
        /// Seconds a Machine may go without a Node (matched through `spec.providerID`) before it is
        /// unhealthy, counted from the latest of infrastructure provisioned, control plane
        /// initialized and Machine creation. Default 600 (10 minutes); 0 disables the check.
        public var nodeStartupTimeoutSeconds: Int32?
        public var unhealthyNodeConditions: [UnhealthyNodeCondition]?
        public var unhealthyMachineConditions: [UnhealthyMachineCondition]?
    }

    /// A Node condition that makes its Machine unhealthy once held for `timeoutSeconds`.
    public struct UnhealthyNodeCondition: Codable, Sendable, Hashable {
        /// The Node condition type, e.g. `Ready`.
        public var type: String
        /// `True`, `False` or `Unknown`.
        public var status: String
        /// Seconds the condition must hold, e.g. 300.
        public var timeoutSeconds: Int32
    }

    /// A Machine condition that makes the Machine unhealthy once held for `timeoutSeconds`. The
    /// types `Ready`, `Available`, `HealthCheckSucceeded`, `OwnerRemediated` and
    /// `ExternallyRemediated` are not allowed.
    public struct UnhealthyMachineCondition: Codable, Sendable, Hashable {
        public var type: String
        public var status: Condition.Status
        /// Seconds the condition must hold.
        public var timeoutSeconds: Int32
    }

    /// If and how remediation runs (`clusterv1.MachineHealthCheckRemediation`). Without a
    /// `templateRef` the Machine's owner (a MachineSet or control plane) remediates it, after
    /// the `OwnerRemediated` condition is set on it.
    public struct Remediation: Codable, Sendable, Hashable {
        /// When remediation may run; unset: always.
        public var triggerIf: TriggerIf?
        /// A remediation template of an infrastructure provider: the health check creates an object
        /// from it and leaves remediation to that provider.
        public var templateRef: RemediationTemplateReference?
    }

    /// Bounds on the number of unhealthy Machines within which remediation runs; beyond them the
    /// cluster is taken to be in trouble that replacing machines will not fix.
    public struct TriggerIf: Codable, Sendable, Hashable {
        /// Remediate only while at most this many (or this percentage) of the Machines are unhealthy.
        public var unhealthyLessThanOrEqualTo: IntOrString?
        /// Remediate only while the number of unhealthy Machines lies in this range, e.g. `[3-5]`;
        /// takes precedence over `unhealthyLessThanOrEqualTo`.
        public var unhealthyInRange: String?
    }

    /// A remediation template by full API version (`clusterv1.MachineHealthCheckRemediationTemplateReference`).
    public struct RemediationTemplateReference: Codable, Sendable, Hashable {
        /// E.g. `infrastructure.cluster.x-k8s.io/v1beta1`.
        public var apiVersion: String
        public var kind: String
        public var name: String
    }
}

/// What a MachineHealthCheck has seen (`clusterv1.MachineHealthCheckStatus`).
public struct MachineHealthCheckStatus: Codable, Sendable, Hashable {
    /// Known types: `RemediationAllowed`, `Paused`.
    public var conditions: [Condition]?
    /// Number of Machines the selector matches.
    public var expectedMachines: Int32?
    /// Number of those Machines that are healthy.
    public var currentHealthy: Int32?
    /// Number of further remediations allowed before `triggerIf` stops remediation.
    public var remediationsAllowed: Int32?
    public var observedGeneration: Int64?
    /// Names of the Machines being checked.
    public var targets: [String]?
    public var deprecated: Deprecated?

    public init() {}

    /// The v1beta1 contract's fields, still written for old readers.
    public struct Deprecated: Codable, Sendable, Hashable {
        public var v1beta1: V1Beta1?

        public struct V1Beta1: Codable, Sendable, Hashable {
            public var conditions: [V1Beta1Condition]?
        }
    }
}
