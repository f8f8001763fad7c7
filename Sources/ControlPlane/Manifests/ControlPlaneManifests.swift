import ClusterAPI
import Foundation
import KubeKit

/// The objects that run one hosted control plane, as pure functions of the HostedControlPlane,
/// its Cluster and the resolved endpoint: the Service, the control-plane StatefulSet (k0s or
/// kubeadm flavor), the managed datastore, the PodDisruptionBudget and the configuration. Every
/// object is ready for ``OwnedObjectApplier`` (server-side apply) and carries the cluster-name
/// label.
public struct ControlPlaneManifests: Sendable {
    /// The HostedControlPlane being rendered.
    public var controlPlane: HostedControlPlane
    /// The CAPI Cluster's name; every object name starts with it.
    public var clusterName: String
    /// The namespace of the Cluster and of every object.
    public var namespace: String
    /// The Kubernetes version to run: `spec.version`, or the running one while a requested
    /// version is refused.
    public var version: KubernetesVersion
    /// Where clients reach the API server (host and port).
    public var endpoint: APIEndpoint
    /// The hosted cluster's Service and Pod ranges and DNS domain, from `Cluster.spec.clusterNetwork`.
    public var network: Network
    /// For the k0s flavor with datastore `kine`: the data source name read from its Secret
    /// (it goes into the k0s configuration Secret, never into a ConfigMap or the pod spec).
    public var kineDataSource: String?

    /// The hosted cluster's networks.
    public struct Network: Sendable, Hashable {
        /// Default `10.96.0.0/12`, as kubeadm.
        public var serviceCIDR: String
        /// Default `10.244.0.0/16`, as k0s.
        public var podCIDR: String
        /// Default `cluster.local`.
        public var serviceDomain: String

        public init(cluster: Cluster) {
            let network = cluster.spec.clusterNetwork
            serviceCIDR = network?.services?.cidrBlocks.first ?? "10.96.0.0/12"
            podCIDR = network?.pods?.cidrBlocks.first ?? "10.244.0.0/16"
            serviceDomain = network?.serviceDomain ?? "cluster.local"
        }
    }

    public init(
        controlPlane: HostedControlPlane, cluster: Cluster, version: KubernetesVersion, endpoint: APIEndpoint, kineDataSource: String? = nil
    ) {
        self.controlPlane = controlPlane
        self.clusterName = cluster.metadata.name ?? ""
        self.namespace = cluster.metadata.namespace ?? controlPlane.metadata.namespace ?? ""
        self.version = version
        self.endpoint = endpoint
        self.network = Network(cluster: cluster)
        self.kineDataSource = kineDataSource
    }

    // MARK: resolved settings

    var spec: HostedControlPlane.Spec { controlPlane.spec }
    var flavor: HostedControlPlane.Flavor { spec.flavor ?? .k0s }
    var replicas: Int32 { spec.replicas ?? 1 }
    var apiServerPort: Int32 { spec.service?.apiServerPort ?? 6443 }
    var konnectivityPort: Int32 { spec.service?.konnectivityPort ?? 8132 }
    var serviceType: HostedControlPlane.ServiceSpec.ServiceType { spec.service?.type ?? .clusterIP }
    var secrets: PKISecretNames { PKISecretNames(clusterName: clusterName) }

    /// The datastore in effect: the spec's, else kine over SQLite for one replica and a managed
    /// etcd of three for more.
    public var datastore: HostedControlPlane.Datastore {
        spec.datastore ?? Self.defaultDatastore(replicas: replicas)
    }

    /// The datastore of a spec that names none: kine over SQLite for one replica, a managed
    /// etcd of three for more.
    public static func defaultDatastore(replicas: Int32) -> HostedControlPlane.Datastore {
        HostedControlPlane.Datastore(type: replicas > 1 ? .etcd : .sqlite)
    }

    var etcdReplicas: Int32 { datastore.etcd?.replicas ?? 3 }

    // MARK: names and labels

    /// The Service, StatefulSet and PodDisruptionBudget of the control plane.
    public var controlPlaneName: String { "\(clusterName)-control-plane" }
    /// The managed etcd's StatefulSet and headless Service.
    public var etcdName: String { "\(clusterName)-etcd" }
    /// The Secret holding the k0s configuration (`k0s.yaml`).
    public var k0sConfigName: String { "\(clusterName)-k0s-config" }

    /// The Service's DNS names, shortest first.
    public var serviceDNSNames: [String] {
        let base = controlPlaneName
        return [base, "\(base).\(namespace)", "\(base).\(namespace).svc", "\(base).\(namespace).svc.\(Self.managementDomain)"]
    }

    /// The managed etcd's names (its Service, and every member through a wildcard).
    public var etcdDNSNames: [String] {
        let base = etcdName
        return [base, "\(base).\(namespace)", "\(base).\(namespace).svc", "\(base).\(namespace).svc.\(Self.managementDomain)",
            "*.\(base).\(namespace).svc", "*.\(base).\(namespace).svc.\(Self.managementDomain)"]
    }

    /// The management cluster's DNS domain.
    static let managementDomain = "cluster.local"

    /// Labels every generated object carries.
    public var labels: [String: String] {
        [ClusterAPIGroup.clusterNameLabel: clusterName, "app.kubernetes.io/managed-by": "mothership"]
    }

    /// The labels selecting the control-plane pods (also `status.selector`).
    public var selectorLabels: [String: String] {
        [ClusterAPIGroup.clusterNameLabel: clusterName, "app.kubernetes.io/component": "control-plane", "app.kubernetes.io/name": "hosted-control-plane"]
    }

    /// `status.selector`: ``selectorLabels`` as a label selector string.
    public var selector: String { selectorLabels.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: ",") }

    func metadata(_ name: String, labels extra: [String: String] = [:], annotations: [String: String]? = nil) -> ObjectMeta {
        ObjectMeta(name: name, namespace: namespace, labels: labels.merging(extra) { _, new in new }, annotations: annotations)
    }

    static func labelsJSON(_ labels: [String: String]) -> JSONValue { .object(labels.mapValues { .string($0) }) }
}

/// Where the kinds without a Swift type live.
public enum ManifestResources {
    public static let statefulSet = ResourceDescriptor(group: "apps", version: "v1", kind: "StatefulSet", plural: "statefulsets", namespaced: true)
    public static let service = ResourceDescriptor(group: "", version: "v1", kind: "Service", plural: "services", namespaced: true)
    public static let podDisruptionBudget = ResourceDescriptor(
        group: "policy", version: "v1", kind: "PodDisruptionBudget", plural: "poddisruptionbudgets", namespaced: true)
}
