import KubeKit

/// A CAPI MachineSet (`cluster.x-k8s.io/v1beta2`): keeps a number of identical Machines, made
/// from one template, in existence; usually owned by a MachineDeployment, one MachineSet per
/// revision of its template. Fields follow the v1.14 CRD exactly.
public struct MachineSet: KubeResource, Hashable {
    public static let resource = ResourceDescriptor(
        group: ClusterAPIGroup.group, version: ClusterAPIGroup.version, kind: "MachineSet", plural: "machinesets",
        namespaced: true)

    public var metadata: ObjectMeta
    public var spec: Spec
    public var status: MachineSetStatus?

    public init(metadata: ObjectMeta, spec: Spec, status: MachineSetStatus? = nil) {
        self.metadata = metadata
        self.spec = spec
        self.status = status
    }

    /// The Machines the set should have.
    public struct Spec: Codable, Sendable, Hashable {
        /// The Cluster this set belongs to.
        public var clusterName: String
        /// How many Machines to keep; unset means the autoscaler's min-size annotation, else 1.
        public var replicas: Int32?
        /// The Machines that count as members; must match the template's labels.
        public var selector: LabelSelectorSpec
        /// The Machine to create when there are too few.
        public var template: MachineTemplateSpec
        public var machineNaming: MachineNaming?
        public var deletion: Deletion?

        public init(
            clusterName: String, replicas: Int32? = nil, selector: LabelSelectorSpec, template: MachineTemplateSpec
        ) {
            self.clusterName = clusterName
            self.replicas = replicas
            self.selector = selector
            self.template = template
        }
    }

    /// How Machines are named (`clusterv1.MachineNamingSpec`); their bootstrap configs and
    /// infrastructure machines get the same names.
    public struct MachineNaming: Codable, Sendable, Hashable {
        /// A Go template for the name, e.g. `{{ .machineSet.name }}-{{ .random }}` (the default);
        /// names over 63 characters are cut to 58 and given a random 5-character suffix.
        public var template: String?
    }

    /// Which Machines go first when scaling down.
    public struct Deletion: Codable, Sendable, Hashable {
        /// `Random` (default), `Newest` or `Oldest`. Unhealthy Machines always go first.
        public var order: String?

        public init(order: String? = nil) {
            self.order = order
        }
    }
}

/// What is known of a MachineSet (`clusterv1.MachineSetStatus`). A Machine counts as ready,
/// available or up to date when its `Ready`, `Available` or `UpToDate` condition is true.
public struct MachineSetStatus: Codable, Sendable, Hashable {
    /// Known types: `MachinesReady`, `MachinesUpToDate`, `ScalingUp`, `ScalingDown`,
    /// `Remediating`, `Deleting`, `Paused`.
    public var conditions: [Condition]?
    /// `spec.selector` in query syntax, for the scale subresource.
    public var selector: String?
    /// Number of Machines the set has.
    public var replicas: Int32?
    public var readyReplicas: Int32?
    public var availableReplicas: Int32?
    public var upToDateReplicas: Int32?
    /// The Kubernetes versions of the set's Machines, with how many run each.
    public var versions: [StatusVersion]?
    public var observedGeneration: Int64?
    public var deprecated: Deprecated?

    public init() {}

    /// The v1beta1 contract's fields, still written for old readers.
    public struct Deprecated: Codable, Sendable, Hashable {
        public var v1beta1: V1Beta1?

        public struct V1Beta1: Codable, Sendable, Hashable {
            public var conditions: [V1Beta1Condition]?
            public var failureReason: String?
            public var failureMessage: String?
            public var fullyLabeledReplicas: Int32?
            public var readyReplicas: Int32?
            public var availableReplicas: Int32?
        }
    }
}
