import KubeKit

extension HostedControlPlane {
    /// How the control plane is exposed: one Service with the API port and, for k0s, the
    /// konnectivity port.
    public struct ServiceSpec: Codable, Sendable, Hashable {
        public enum ServiceType: String, Codable, Sendable, Hashable, CaseIterable {
            case clusterIP = "ClusterIP"
            case nodePort = "NodePort"
            case loadBalancer = "LoadBalancer"
        }

        /// `ClusterIP` (default), `NodePort` or `LoadBalancer`.
        public var type: ServiceType?
        /// The API server's port, on the Service and in the pods; default 6443.
        public var apiServerPort: Int32?
        /// The konnectivity server's port (k0s); default 8132.
        public var konnectivityPort: Int32?
        /// The node port of the API server (NodePort, LoadBalancer); default chosen by Kubernetes.
        public var apiServerNodePort: Int32?
        /// The node port of konnectivity (NodePort, LoadBalancer); default chosen by Kubernetes.
        public var konnectivityNodePort: Int32?
        /// Annotations of the Service, e.g. for a cloud's load balancer.
        public var annotations: [String: String]?

        public init(type: ServiceType? = nil, apiServerPort: Int32? = nil, annotations: [String: String]? = nil) {
            self.type = type
            self.apiServerPort = apiServerPort
            self.annotations = annotations
        }
    }

    /// Where the cluster's state lives.
    public struct Datastore: Codable, Sendable, Hashable {
        public enum DatastoreType: String, Codable, Sendable, Hashable, CaseIterable {
            /// kine over SQLite on the control plane's volume; one replica only.
            case sqlite
            /// kine over an external PostgreSQL or MySQL database.
            case kine
            /// An etcd StatefulSet of 1, 3 or 5 managed next to the control plane.
            case etcd
            /// An etcd cluster run elsewhere.
            case externalEtcd
        }

        public var type: DatastoreType
        /// For `kine`: the data source name (`postgres://…`, `mysql://…`) in a Secret.
        public var kine: Kine?
        /// For `etcd`: the managed etcd's size and volume.
        public var etcd: ManagedEtcd?
        /// For `externalEtcd`: its endpoints and client TLS.
        public var externalEtcd: ExternalEtcd?

        public init(type: DatastoreType, kine: Kine? = nil, etcd: ManagedEtcd? = nil, externalEtcd: ExternalEtcd? = nil) {
            self.type = type
            self.kine = kine
            self.etcd = etcd
            self.externalEtcd = externalEtcd
        }
    }

    /// kine over an external SQL database.
    public struct Kine: Codable, Sendable, Hashable {
        /// The key of a Secret in the HostedControlPlane's namespace holding the DSN.
        public var dataSourceSecretRef: SecretKeyReference

        public init(dataSourceSecretRef: SecretKeyReference) { self.dataSourceSecretRef = dataSourceSecretRef }
    }

    /// A managed etcd StatefulSet.
    public struct ManagedEtcd: Codable, Sendable, Hashable {
        /// 1, 3 (default) or 5 members.
        public var replicas: Int32?
        /// Each member's volume; default a 1Gi claim of the default class.
        public var persistence: Persistence?

        public init(replicas: Int32? = nil, persistence: Persistence? = nil) {
            self.replicas = replicas
            self.persistence = persistence
        }
    }

    /// An etcd cluster run elsewhere.
    public struct ExternalEtcd: Codable, Sendable, Hashable {
        /// Client URLs, e.g. `https://etcd-0.example:2379`.
        public var endpoints: [String]
        /// A Secret with `ca.crt`, `tls.crt` and `tls.key` for the client connection; none
        /// for plain-HTTP endpoints.
        public var tlsSecretName: String?

        public init(endpoints: [String], tlsSecretName: String? = nil) {
            self.endpoints = endpoints
            self.tlsSecretName = tlsSecretName
        }
    }

    /// A key of a Secret in the same namespace.
    public struct SecretKeyReference: Codable, Sendable, Hashable {
        public var name: String
        public var key: String

        public init(name: String, key: String) {
            self.name = name
            self.key = key
        }
    }

    /// A volume for data: a PersistentVolumeClaim (default) or an emptyDir that is lost with
    /// the pod.
    public struct Persistence: Codable, Sendable, Hashable {
        public enum PersistenceType: String, Codable, Sendable, Hashable, CaseIterable {
            case persistentVolumeClaim = "PersistentVolumeClaim"
            case emptyDir = "EmptyDir"
        }

        public var type: PersistenceType?
        /// The claim's size, a Kubernetes quantity; default `1Gi`.
        public var size: String?
        /// The claim's storage class; default the cluster's default class.
        public var storageClassName: String?

        public init(type: PersistenceType? = nil, size: String? = nil, storageClassName: String? = nil) {
            self.type = type
            self.size = size
            self.storageClassName = storageClassName
        }
    }

    /// Compute requests and limits (`v1.ResourceRequirements` without claims), as quantities.
    public struct ResourceRequirements: Codable, Sendable, Hashable {
        public var requests: [String: String]?
        public var limits: [String: String]?

        public init(requests: [String: String]? = nil, limits: [String: String]? = nil) {
            self.requests = requests
            self.limits = limits
        }
    }

    /// Where the control-plane pods are scheduled.
    public struct Placement: Codable, Sendable, Hashable {
        public var nodeSelector: [String: String]?
        public var tolerations: [Toleration]?
        /// A `v1.Affinity`, passed to the pods as is.
        public var affinity: JSONValue?
        /// `v1.TopologySpreadConstraint`s, passed to the pods as they are.
        public var topologySpreadConstraints: [JSONValue]?

        public init(nodeSelector: [String: String]? = nil, tolerations: [Toleration]? = nil) {
            self.nodeSelector = nodeSelector
            self.tolerations = tolerations
        }
    }

    /// A `v1.Toleration`.
    public struct Toleration: Codable, Sendable, Hashable {
        public var key: String?
        /// `Exists` or `Equal`.
        public var `operator`: String?
        public var value: String?
        /// `NoSchedule`, `PreferNoSchedule` or `NoExecute`.
        public var effect: String?
        public var tolerationSeconds: Int64?

        public init(key: String? = nil, operator: String? = nil, value: String? = nil, effect: String? = nil) {
            self.key = key
            self.operator = `operator`
            self.value = value
            self.effect = effect
        }
    }

    /// Extra flags per component, without leading dashes (`audit-log-maxage: "30"`); they
    /// override the generated flag of the same name.
    public struct ExtraArgs: Codable, Sendable, Hashable {
        public var apiServer: [String: String]?
        public var controllerManager: [String: String]?
        public var scheduler: [String: String]?

        public init(apiServer: [String: String]? = nil, controllerManager: [String: String]? = nil, scheduler: [String: String]? = nil) {
            self.apiServer = apiServer
            self.controllerManager = controllerManager
            self.scheduler = scheduler
        }
    }

    /// Manifests in a ConfigMap or a Secret (every key one or more YAML documents) applied
    /// into the hosted cluster.
    public struct Addon: Codable, Sendable, Hashable {
        /// A name for messages, unique in the list.
        public var name: String
        public var configMapName: String?
        public var secretName: String?

        public init(name: String, configMapName: String? = nil, secretName: String? = nil) {
            self.name = name
            self.configMapName = configMapName
            self.secretName = secretName
        }
    }

    /// Certificate settings. Bring your own CA by creating the `<cluster>-ca` Secret
    /// (`tls.crt`, `tls.key`) before the HostedControlPlane, as CAPI does.
    public struct Certificates: Codable, Sendable, Hashable {
        /// `ECDSA-P256` (default) or `RSA-2048`, for keys the controller generates.
        public var keyAlgorithm: CertificateKeyAlgorithm?
        /// Lifetime of leaf certificates, e.g. `8760h` (default, a year).
        public var validity: String?
        /// Lifetime of the admin kubeconfig's client certificate; default `24h`.
        public var clientCertificateValidity: String?
        /// How long before expiry a certificate is renewed; default a third of its lifetime.
        public var renewBefore: String?

        public init(keyAlgorithm: CertificateKeyAlgorithm? = nil, validity: String? = nil, clientCertificateValidity: String? = nil, renewBefore: String? = nil) {
            self.keyAlgorithm = keyAlgorithm
            self.validity = validity
            self.clientCertificateValidity = clientCertificateValidity
            self.renewBefore = renewBefore
        }
    }
}
