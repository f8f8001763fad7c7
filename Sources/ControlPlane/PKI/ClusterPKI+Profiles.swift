import X509

extension ClusterPKISettings {
    /// The API server serving certificate's DNS names: the in-cluster `kubernetes*` names,
    /// `localhost`, then the configured names.
    var allAPIServerDNSNames: [String] {
        ["kubernetes", "kubernetes.default", "kubernetes.default.svc", "kubernetes.default.svc.cluster.local", "localhost"]
            + apiServerDNSNames
    }

    /// The leaf certificates of a hosted cluster, named, used and signed as kubeadm does, except
    /// that `apiserver-kubelet-client` is in `system:masters` (kubeadm ≥ 1.29 uses
    /// `kubeadm:cluster-admins`, a binding `kubeadm init` creates and a hosted cluster lacks).
    func leafProfiles(names: PKISecretNames) throws(PKIError) -> [CertificateProfile] {
        let etcdDNS = ["localhost"] + etcdDNSNames
        let etcdIPs = try addresses(["127.0.0.1", "::1"], field: "etcd")
        return [
            CertificateProfile(
                secretName: names.apiServer, issuer: .cluster, commonName: "kube-apiserver",
                extendedKeyUsages: [.serverAuth], dnsNames: allAPIServerDNSNames,
                ipAddresses: try addresses(["127.0.0.1"] + apiServerIPAddresses, field: "apiServerIPAddresses"),
                validity: certificateValidity),
            CertificateProfile(
                secretName: names.apiServerKubeletClient, issuer: .cluster, commonName: "kube-apiserver-kubelet-client",
                organizations: ["system:masters"], extendedKeyUsages: [.clientAuth], validity: certificateValidity),
            CertificateProfile(
                secretName: names.frontProxyClient, issuer: .frontProxy, commonName: "front-proxy-client",
                extendedKeyUsages: [.clientAuth], validity: certificateValidity),
            CertificateProfile(
                secretName: names.apiServerEtcdClient, issuer: .etcd, commonName: "kube-apiserver-etcd-client",
                extendedKeyUsages: [.clientAuth], validity: certificateValidity),
            CertificateProfile(
                secretName: names.etcdServer, issuer: .etcd, commonName: "kube-etcd",
                extendedKeyUsages: [.serverAuth, .clientAuth], dnsNames: etcdDNS, ipAddresses: etcdIPs,
                validity: certificateValidity),
            CertificateProfile(
                secretName: names.etcdPeer, issuer: .etcd, commonName: "kube-etcd-peer",
                extendedKeyUsages: [.serverAuth, .clientAuth], dnsNames: etcdDNS, ipAddresses: etcdIPs,
                validity: certificateValidity),
            CertificateProfile(
                secretName: names.konnectivityServer, issuer: .cluster, commonName: "konnectivity-server",
                extendedKeyUsages: [.serverAuth], dnsNames: ["localhost"] + konnectivityDNSNames,
                ipAddresses: try addresses(["127.0.0.1"] + konnectivityIPAddresses, field: "konnectivityIPAddresses"),
                validity: certificateValidity),
        ]
    }

    /// The kubeconfigs of a hosted cluster: the admin one (CAPI's `<cluster>-kubeconfig`, short
    /// lived, towards `controlPlaneEndpoint`) and the components' (towards the API server in the
    /// same pod), each with a client certificate signed by the cluster CA.
    func kubeconfigProfiles(names: PKISecretNames) -> [KubeconfigProfile] {
        let local = "https://127.0.0.1:\(localAPIServerPort)"
        func client(_ secret: String, _ commonName: String, _ organizations: [String] = [], validity: Duration) -> CertificateProfile {
            CertificateProfile(
                secretName: secret, issuer: .cluster, commonName: commonName, organizations: organizations,
                extendedKeyUsages: [.clientAuth], validity: validity)
        }
        return [
            KubeconfigProfile(
                clusterName: clusterName, userName: "\(clusterName)-admin", server: controlPlaneEndpoint,
                client: client(names.adminKubeconfig, "kubernetes-admin", ["system:masters"], validity: clientCertificateValidity)),
            KubeconfigProfile(
                clusterName: clusterName, userName: "system:kube-controller-manager", server: local,
                client: client(names.controllerManagerKubeconfig, "system:kube-controller-manager", validity: certificateValidity)),
            KubeconfigProfile(
                clusterName: clusterName, userName: "system:kube-scheduler", server: local,
                client: client(names.schedulerKubeconfig, "system:kube-scheduler", validity: certificateValidity)),
            KubeconfigProfile(
                clusterName: clusterName, userName: "system:konnectivity-server", server: local,
                client: client(names.konnectivityKubeconfig, "system:konnectivity-server", validity: certificateValidity)),
        ]
    }

    private func addresses(_ texts: [String], field: String) throws(PKIError) -> [IPAddress] {
        var result: [IPAddress] = []
        for text in texts {
            guard let address = IPAddress(text) else {
                throw .invalidSettings("\(field) contains \"\(text)\", which is not an IPv4 or IPv6 address")
            }
            result.append(address)
        }
        return result
    }
}
