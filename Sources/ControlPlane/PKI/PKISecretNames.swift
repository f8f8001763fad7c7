/// The names of the Secrets that hold a hosted cluster's PKI, all prefixed with the cluster name
/// (`c` below). The CA names are CAPI's contract; the rest follow kubeadm's file names.
public struct PKISecretNames: Sendable, Hashable {
    /// The CAPI Cluster's name.
    public var clusterName: String

    /// The Secret names of the cluster `clusterName`.
    public init(clusterName: String) {
        self.clusterName = clusterName
    }

    /// `c-ca`: the cluster CA (kubeadm `ca`), CAPI contract.
    public var clusterCA: String { "\(clusterName)-ca" }
    /// `c-proxy`: the front-proxy CA (kubeadm `front-proxy-ca`), CAPI contract.
    public var frontProxyCA: String { "\(clusterName)-proxy" }
    /// `c-etcd`: the etcd CA (kubeadm `etcd/ca`), CAPI contract.
    public var etcdCA: String { "\(clusterName)-etcd" }
    /// `c-sa`: the service-account signing key pair (kubeadm `sa.key`/`sa.pub`), CAPI contract.
    public var serviceAccount: String { "\(clusterName)-sa" }
    /// `c-apiserver`: the API server's serving certificate.
    public var apiServer: String { "\(clusterName)-apiserver" }
    /// `c-apiserver-kubelet-client`: the API server's client certificate towards kubelets.
    public var apiServerKubeletClient: String { "\(clusterName)-apiserver-kubelet-client" }
    /// `c-front-proxy-client`: the API server's client certificate towards aggregated APIs.
    public var frontProxyClient: String { "\(clusterName)-front-proxy-client" }
    /// `c-apiserver-etcd-client`: the API server's client certificate towards etcd.
    public var apiServerEtcdClient: String { "\(clusterName)-apiserver-etcd-client" }
    /// `c-etcd-server`: etcd's serving certificate (also valid as a client, as kubeadm issues it).
    public var etcdServer: String { "\(clusterName)-etcd-server" }
    /// `c-etcd-peer`: etcd's peer certificate (server and client).
    public var etcdPeer: String { "\(clusterName)-etcd-peer" }
    /// `c-konnectivity-server`: the konnectivity server's serving certificate towards agents.
    public var konnectivityServer: String { "\(clusterName)-konnectivity-server" }
    /// `c-kubeconfig`: the admin kubeconfig, CAPI contract.
    public var adminKubeconfig: String { "\(clusterName)-kubeconfig" }
    /// `c-controller-manager-kubeconfig`: the controller-manager's kubeconfig (kubeadm `controller-manager.conf`).
    public var controllerManagerKubeconfig: String { "\(clusterName)-controller-manager-kubeconfig" }
    /// `c-scheduler-kubeconfig`: the scheduler's kubeconfig (kubeadm `scheduler.conf`).
    public var schedulerKubeconfig: String { "\(clusterName)-scheduler-kubeconfig" }
    /// `c-konnectivity-kubeconfig`: the konnectivity server's kubeconfig.
    public var konnectivityKubeconfig: String { "\(clusterName)-konnectivity-kubeconfig" }

    /// The CA Secrets: cluster, front-proxy, etcd.
    public var certificateAuthorities: [String] { [clusterCA, frontProxyCA, etcdCA] }
    /// The leaf certificate Secrets.
    public var leafCertificates: [String] {
        [apiServer, apiServerKubeletClient, frontProxyClient, apiServerEtcdClient, etcdServer, etcdPeer, konnectivityServer]
    }
    /// The kubeconfig Secrets.
    public var kubeconfigs: [String] {
        [adminKubeconfig, controllerManagerKubeconfig, schedulerKubeconfig, konnectivityKubeconfig]
    }
    /// Every Secret of the PKI.
    public var all: [String] { certificateAuthorities + [serviceAccount] + leafCertificates + kubeconfigs }
}

/// The data keys of the PKI Secrets.
public enum PKISecretKey {
    /// The certificate (PEM); for `c-sa`, the public key (PEM).
    public static let certificate = "tls.crt"
    /// The private key (PEM).
    public static let privateKey = "tls.key"
    /// The issuing CA's certificate (PEM), in leaf Secrets.
    public static let caCertificate = "ca.crt"
    /// The kubeconfig YAML, in kubeconfig Secrets (CAPI's `value`).
    public static let kubeconfig = "value"
}
