import ClusterAPI
import KubeKit

/// A workload cluster's Kubernetes control plane run as pods on the management cluster
/// (`controlplane.mothership.dev/v1beta1`): the CAPI control-plane provider object a Cluster's
/// `spec.controlPlaneRef` names. The controller turns it into the cluster's PKI Secrets, its
/// `<cluster>-kubeconfig`, a Service, a StatefulSet of control-plane pods (k0s controllers or
/// kube-apiserver + controller-manager + scheduler) and the datastore behind them.
public struct HostedControlPlane: CustomResource, Hashable {
    public static let resource = ResourceDescriptor(
        group: ControlPlaneAPI.group, version: ControlPlaneAPI.version, kind: "HostedControlPlane", plural: "hostedcontrolplanes",
        namespaced: true)

    public var metadata: ObjectMeta
    public var spec: Spec
    public var status: Status?

    public init(metadata: ObjectMeta, spec: Spec, status: Status? = nil) {
        self.metadata = metadata
        self.spec = spec
        self.status = status
    }

    /// The desired control plane.
    public struct Spec: Codable, Sendable, Hashable {
        /// The Kubernetes version, e.g. `v1.31.2`. Upgrades go one minor version at a time;
        /// downgrades are refused.
        public var version: String
        /// `k0s` (default) or `kubeadm`.
        public var flavor: Flavor?
        /// How many control-plane pods run; default 1. More than one needs a datastore other
        /// than kine over SQLite.
        public var replicas: Int32?
        /// A registry (and path) every image is pulled from instead of its upstream one, for
        /// air-gapped installations, e.g. `registry.example/mirror`.
        public var imageRepository: String?
        /// How the API server (and konnectivity) are exposed.
        public var service: ServiceSpec?
        /// Where clients reach the API server; default: the load balancer's address, else a node
        /// port on a node's address, else the Service's cluster IP. Set by the controller once
        /// known, as the CAPI contract asks.
        public var controlPlaneEndpoint: APIEndpoint?
        /// Where the cluster's state is stored; default kine over SQLite for one replica, a
        /// managed etcd of 3 for more.
        public var datastore: Datastore?
        /// The volume the control plane keeps its data on (SQLite database, k0s state).
        public var persistence: Persistence?
        /// Compute resources of the control-plane container(s).
        public var resources: ResourceRequirements?
        /// Where the control-plane pods are scheduled.
        public var placement: Placement?
        /// Extra flags of the control-plane components, without leading dashes.
        public var extraArgs: ExtraArgs?
        /// Manifests applied into the hosted cluster once its API answers (a CNI, for example).
        public var addons: [Addon]?
        /// Validity and key algorithm of the cluster's certificates.
        public var certificates: Certificates?

        public init(
            version: String, flavor: Flavor? = nil, replicas: Int32? = nil, imageRepository: String? = nil, service: ServiceSpec? = nil,
            controlPlaneEndpoint: APIEndpoint? = nil, datastore: Datastore? = nil, persistence: Persistence? = nil,
            addons: [Addon]? = nil, certificates: Certificates? = nil
        ) {
            self.version = version
            self.flavor = flavor
            self.replicas = replicas
            self.imageRepository = imageRepository
            self.service = service
            self.controlPlaneEndpoint = controlPlaneEndpoint
            self.datastore = datastore
            self.persistence = persistence
            self.addons = addons
            self.certificates = certificates
        }
    }

    /// What runs in the control-plane pods.
    public enum Flavor: String, Codable, Sendable, Hashable, CaseIterable {
        /// k0s controllers, with konnectivity for workers behind NAT.
        case k0s
        /// Upstream kube-apiserver, kube-controller-manager and kube-scheduler containers.
        case kubeadm
    }

    /// What the controller reports, per the CAPI v1beta2 control-plane contract.
    public struct Status: Codable, Sendable, Hashable {
        public var initialization: Initialization?
        /// Always true: a hosted control plane has no control-plane Machines or Nodes.
        public var externalManagedControlPlane: Bool?
        /// Control-plane pods that exist.
        public var replicas: Int32?
        /// Control-plane pods that are ready.
        public var readyReplicas: Int32?
        /// Control-plane pods that are available.
        public var availableReplicas: Int32?
        /// Control-plane pods running the current specification.
        public var upToDateReplicas: Int32?
        /// The label selector of the control-plane pods, for the scale subresource.
        public var selector: String?
        /// The Kubernetes version every control-plane pod runs (the lowest while rolling).
        public var version: String?
        /// A digest of the add-on manifests last applied into the hosted cluster.
        public var appliedAddons: String?
        public var conditions: [Condition]?
        public var observedGeneration: Int64?

        public init() {}
    }

    /// The v1beta2 contract's initialization report.
    public struct Initialization: Codable, Sendable, Hashable {
        /// The hosted API server has answered `/readyz` through the generated kubeconfig.
        public var controlPlaneInitialized: Bool?

        public init(controlPlaneInitialized: Bool? = nil) { self.controlPlaneInitialized = controlPlaneInitialized }
    }
}
