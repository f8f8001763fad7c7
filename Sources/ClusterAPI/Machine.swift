import Foundation
import KubeKit

/// A CAPI Machine (`cluster.x-k8s.io/v1beta2`): one node's worth of bootstrap and infrastructure,
/// created by CAPI core from a MachineDeployment. Fields follow the v1.14 CRD exactly.
public struct Machine: KubeResource, Hashable {
    public static let resource = ResourceDescriptor(
        group: ClusterAPIGroup.group, version: ClusterAPIGroup.version, kind: "Machine", plural: "machines", namespaced: true)

    public var metadata: ObjectMeta
    public var spec: Spec
    public var status: MachineStatus?

    public init(metadata: ObjectMeta, spec: Spec, status: MachineStatus? = nil) {
        self.metadata = metadata
        self.spec = spec
        self.status = status
    }

    /// What the Machine should be.
    public struct Spec: Codable, Sendable, Hashable {
        /// The Cluster this machine belongs to.
        public var clusterName: String
        public var bootstrap: Bootstrap
        /// The provider object (e.g. an `SSHMachine`) that realises this machine.
        public var infrastructureRef: ContractVersionedObjectReference
        /// The Kubernetes version of the node, e.g. `v1.31.2`.
        public var version: String?
        /// Set by the infrastructure provider, e.g. `ssh://10.0.0.5`; matches the Node's.
        public var providerID: String?
        /// Where to place the machine; one of the Cluster's failure domains.
        public var failureDomain: String?
        public var minReadySeconds: Int32?
        public var readinessGates: [ReadinessGate]?
        public var deletion: Deletion?
        public var taints: [Taint]?

        public init(
            clusterName: String, bootstrap: Bootstrap, infrastructureRef: ContractVersionedObjectReference,
            version: String? = nil, providerID: String? = nil, failureDomain: String? = nil
        ) {
            self.clusterName = clusterName
            self.bootstrap = bootstrap
            self.infrastructureRef = infrastructureRef
            self.version = version
            self.providerID = providerID
            self.failureDomain = failureDomain
        }
    }

    /// Where the machine's user data comes from: a bootstrap config object, or a Secret given directly.
    public struct Bootstrap: Codable, Sendable, Hashable {
        public var configRef: ContractVersionedObjectReference?
        /// The Secret holding the user data, once the bootstrap provider has written it.
        public var dataSecretName: String?

        public init(configRef: ContractVersionedObjectReference? = nil, dataSecretName: String? = nil) {
            self.configRef = configRef
            self.dataSecretName = dataSecretName
        }
    }

    /// An extra condition that must hold for the Machine to be Ready.
    public struct ReadinessGate: Codable, Sendable, Hashable {
        public var conditionType: String
        /// `Positive` (default) or `Negative`.
        public var polarity: String?
    }

    /// Time limits of the node's deletion, in seconds.
    public struct Deletion: Codable, Sendable, Hashable {
        public var nodeDrainTimeoutSeconds: Int32?
        public var nodeVolumeDetachTimeoutSeconds: Int32?
        public var nodeDeletionTimeoutSeconds: Int32?
    }

    /// A taint CAPI keeps on the machine's Node.
    public struct Taint: Codable, Sendable, Hashable {
        public var key: String
        public var value: String?
        /// `NoSchedule`, `PreferNoSchedule` or `NoExecute`.
        public var effect: String
        /// `Always` or `OnInitialization`.
        public var propagation: String
    }
}

/// What is known of a Machine (`clusterv1.MachineStatus`).
public struct MachineStatus: Codable, Sendable, Hashable {
    public var conditions: [Condition]?
    public var initialization: Initialization?
    public var nodeRef: NodeReference?
    public var nodeInfo: NodeSystemInfo?
    public var lastUpdated: Date?
    public var certificatesExpiryDate: Date?
    public var addresses: [MachineAddress]?
    public var failureDomain: String?
    /// `Pending`, `Provisioning`, `Provisioned`, `Running`, `Updating`, `Deleting`, `Deleted`,
    /// `Failed` or `Unknown`.
    public var phase: String?
    public var observedGeneration: Int64?
    public var deletion: DeletionStatus?
    public var deprecated: Deprecated?

    public init() {}

    /// The steps of the provisioning contract that are done.
    public struct Initialization: Codable, Sendable, Hashable {
        public var infrastructureProvisioned: Bool?
        public var bootstrapDataSecretCreated: Bool?

        public init(infrastructureProvisioned: Bool? = nil, bootstrapDataSecretCreated: Bool? = nil) {
            self.infrastructureProvisioned = infrastructureProvisioned
            self.bootstrapDataSecretCreated = bootstrapDataSecretCreated
        }
    }

    /// The Node of the machine in the workload cluster.
    public struct NodeReference: Codable, Sendable, Hashable {
        public var name: String

        public init(name: String) {
            self.name = name
        }
    }

    /// When the steps of deleting the machine started.
    public struct DeletionStatus: Codable, Sendable, Hashable {
        public var nodeDrainStartTime: Date?
        public var waitForNodeVolumeDetachStartTime: Date?
        public var waitForPreDrainHookStartTime: Date?
        public var waitForPreTerminateHookStartTime: Date?
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

/// The node's own report of its software (`corev1.NodeSystemInfo`).
public struct NodeSystemInfo: Codable, Sendable, Hashable {
    public var machineID: String
    public var systemUUID: String
    public var bootID: String
    public var kernelVersion: String
    public var osImage: String
    public var containerRuntimeVersion: String
    public var kubeletVersion: String
    public var kubeProxyVersion: String
    public var operatingSystem: String
    public var architecture: String
    public var swap: Swap?

    public struct Swap: Codable, Sendable, Hashable {
        public var capacity: Int64?
    }
}
