import Foundation

/// What a hosted cluster's PKI must cover: who the certificates are for, how long they live and
/// every name and address clients use to reach the API server, etcd and konnectivity.
public struct ClusterPKISettings: Sendable, Hashable {
    /// The CAPI Cluster's name; it prefixes every Secret name (`<cluster>-ca`, …).
    public var clusterName: String
    /// The namespace of the Cluster and of every Secret.
    public var namespace: String
    /// The key type of generated keys. Default `.ecdsaP256`.
    public var keyAlgorithm: CertificateKeyAlgorithm
    /// How long a generated CA is valid. Default 10 years (3650 days), as kubeadm.
    public var caValidity: Duration
    /// How long serving and component client certificates are valid. Default 1 year (365 days),
    /// as kubeadm.
    public var certificateValidity: Duration
    /// How long the admin client certificate in `<cluster>-kubeconfig` is valid. Default 24 hours:
    /// it is re-issued well before expiry, so a leaked kubeconfig stops working soon.
    public var clientCertificateValidity: Duration
    /// How long before `notAfter` a leaf certificate is re-issued. Default 121 days and 16 hours,
    /// a third of the default leaf validity (cert-manager's rule). For each certificate the window
    /// is capped at a third of that certificate's own lifetime, so the 24-hour admin certificate is
    /// renewed 8 hours before expiry instead of on every reconcile. CAs are never renewed.
    public var renewBefore: Duration
    /// DNS names of the API server besides the in-cluster `kubernetes*` names and `localhost`,
    /// which are always included: the Service's DNS names and the endpoint host if it is a name.
    public var apiServerDNSNames: [String]
    /// IP addresses of the API server besides `127.0.0.1`, which is always included: the Service's
    /// cluster IP, the hosted cluster's `kubernetes` Service IP, the endpoint or load-balancer IP.
    public var apiServerIPAddresses: [String]
    /// DNS names of the managed etcd (Service and pod names), for the server and peer certificates;
    /// `localhost`, `127.0.0.1` and `::1` are always included.
    public var etcdDNSNames: [String]
    /// DNS names agents use to reach the konnectivity server.
    public var konnectivityDNSNames: [String]
    /// IP addresses agents use to reach the konnectivity server.
    public var konnectivityIPAddresses: [String]
    /// `https://host:port` of the hosted API server as clients outside the pod reach it; the
    /// server of `<cluster>-kubeconfig`.
    public var controlPlaneEndpoint: String
    /// The port the API server listens on inside its pod. The controller-manager, scheduler and
    /// konnectivity kubeconfigs point at `https://127.0.0.1:<port>`. Default 6443.
    public var localAPIServerPort: Int

    /// Settings with the defaults stated on each property and no extra names or addresses.
    public init(
        clusterName: String,
        namespace: String,
        controlPlaneEndpoint: String,
        keyAlgorithm: CertificateKeyAlgorithm = .ecdsaP256,
        caValidity: Duration = .seconds(3650 * 86_400),
        certificateValidity: Duration = .seconds(365 * 86_400),
        clientCertificateValidity: Duration = .seconds(24 * 3_600),
        renewBefore: Duration = .seconds(365 * 86_400 / 3),
        apiServerDNSNames: [String] = [],
        apiServerIPAddresses: [String] = [],
        etcdDNSNames: [String] = [],
        konnectivityDNSNames: [String] = [],
        konnectivityIPAddresses: [String] = [],
        localAPIServerPort: Int = 6443
    ) {
        self.clusterName = clusterName
        self.namespace = namespace
        self.controlPlaneEndpoint = controlPlaneEndpoint
        self.keyAlgorithm = keyAlgorithm
        self.caValidity = caValidity
        self.certificateValidity = certificateValidity
        self.clientCertificateValidity = clientCertificateValidity
        self.renewBefore = renewBefore
        self.apiServerDNSNames = apiServerDNSNames
        self.apiServerIPAddresses = apiServerIPAddresses
        self.etcdDNSNames = etcdDNSNames
        self.konnectivityDNSNames = konnectivityDNSNames
        self.konnectivityIPAddresses = konnectivityIPAddresses
        self.localAPIServerPort = localAPIServerPort
    }
}
