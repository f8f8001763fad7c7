import Foundation
import KubeKit

extension ControlPlaneManifests {
    /// Where the kubeadm flavor's containers find the PKI, laid out as kubeadm's
    /// `/etc/kubernetes/pki`.
    static let kubeadmPKIDirectory = "/etc/kubernetes/pki"
    /// Where the controller-manager's and scheduler's kubeconfigs are mounted.
    static let kubeconfigDirectory = "/etc/kubernetes/kubeconfig"

    /// The kubeadm flavor: kube-apiserver, kube-controller-manager and kube-scheduler
    /// containers (plus kine for a kine datastore) with kubeadm's flags for the version.
    func kubeadmPod() -> PodParts {
        let pki = Self.kubeadmPKIDirectory
        let pkiMount = Self.mount("pki", at: pki)
        let kubeconfigMount = Self.mount("kubeconfig", at: Self.kubeconfigDirectory)
        var containers: [JSONValue] = [
            container(
                "kube-apiserver", image: image("kube-apiserver", tag: kubernetesTag, registry: "registry.k8s.io"), command: ["kube-apiserver"],
                args: Self.flags(apiServerFlags(), extra: spec.extraArgs?.apiServer), ports: [("api", apiServerPort)], mounts: [pkiMount],
                probes: Self.probes(port: "api", scheme: "HTTPS", live: "/livez", ready: "/readyz"), resources: containerResources),
            container(
                "kube-controller-manager", image: image("kube-controller-manager", tag: kubernetesTag, registry: "registry.k8s.io"),
                command: ["kube-controller-manager"], args: Self.flags(controllerManagerFlags(), extra: spec.extraArgs?.controllerManager),
                mounts: [pkiMount, kubeconfigMount], probes: Self.probes(port: 10257, scheme: "HTTPS", live: "/healthz", ready: "/healthz"),
                resources: containerResources),
            container(
                "kube-scheduler", image: image("kube-scheduler", tag: kubernetesTag, registry: "registry.k8s.io"), command: ["kube-scheduler"],
                args: Self.flags(schedulerFlags(), extra: spec.extraArgs?.scheduler), mounts: [kubeconfigMount],
                probes: Self.probes(port: 10259, scheme: "HTTPS", live: "/healthz", ready: "/healthz"), resources: containerResources),
        ]
        if let kine = kineContainer() { containers.append(kine) }
        let volumes: [JSONValue] = [
            Self.projectedVolume("pki", kubeadmPKIFiles),
            Self.projectedVolume("kubeconfig", [
                (secrets.controllerManagerKubeconfig, PKISecretKey.kubeconfig, "controller-manager.conf"),
                (secrets.schedulerKubeconfig, PKISecretKey.kubeconfig, "scheduler.conf"),
            ]),
        ]
        return PodParts(containers: containers, volumes: volumes, needsData: datastore.type == .sqlite, configHash: nil)
    }

    /// The files of kubeadm's `/etc/kubernetes/pki`, from the PKI Secrets (and an external
    /// etcd's TLS Secret).
    var kubeadmPKIFiles: [(secret: String, key: String, path: String)] {
        let crt = PKISecretKey.certificate, key = PKISecretKey.privateKey
        var files: [(secret: String, key: String, path: String)] = [
            (secrets.clusterCA, crt, "ca.crt"), (secrets.clusterCA, key, "ca.key"),
            (secrets.apiServer, crt, "apiserver.crt"), (secrets.apiServer, key, "apiserver.key"),
            (secrets.apiServerKubeletClient, crt, "apiserver-kubelet-client.crt"), (secrets.apiServerKubeletClient, key, "apiserver-kubelet-client.key"),
            (secrets.frontProxyCA, crt, "front-proxy-ca.crt"),
            (secrets.frontProxyClient, crt, "front-proxy-client.crt"), (secrets.frontProxyClient, key, "front-proxy-client.key"),
            (secrets.serviceAccount, crt, "sa.pub"), (secrets.serviceAccount, key, "sa.key"),
        ]
        switch datastore.type {
        case .etcd:
            files += [(secrets.etcdCA, crt, "etcd/ca.crt"), (secrets.apiServerEtcdClient, crt, "apiserver-etcd-client.crt"),
                (secrets.apiServerEtcdClient, key, "apiserver-etcd-client.key")]
        case .externalEtcd:
            if let tls = datastore.externalEtcd?.tlsSecretName {
                files += [(tls, "ca.crt", "etcd/ca.crt"), (tls, crt, "apiserver-etcd-client.crt"), (tls, key, "apiserver-etcd-client.key")]
            }
        case .sqlite, .kine:
            break
        }
        return files
    }

    /// kube-apiserver's flags, as kubeadm sets them for the version.
    func apiServerFlags() -> [String: String] {
        let pki = Self.kubeadmPKIDirectory
        var flags = [
            "allow-privileged": "true",
            "authorization-mode": "Node,RBAC",
            "client-ca-file": "\(pki)/ca.crt",
            "enable-admission-plugins": "NodeRestriction",
            "enable-bootstrap-token-auth": "true",
            "kubelet-client-certificate": "\(pki)/apiserver-kubelet-client.crt",
            "kubelet-client-key": "\(pki)/apiserver-kubelet-client.key",
            "kubelet-preferred-address-types": "InternalIP,ExternalIP,Hostname",
            "proxy-client-cert-file": "\(pki)/front-proxy-client.crt",
            "proxy-client-key-file": "\(pki)/front-proxy-client.key",
            "requestheader-allowed-names": "front-proxy-client",
            "requestheader-client-ca-file": "\(pki)/front-proxy-ca.crt",
            "requestheader-extra-headers-prefix": "X-Remote-Extra-",
            "requestheader-group-headers": "X-Remote-Group",
            "requestheader-username-headers": "X-Remote-User",
            "secure-port": "\(apiServerPort)",
            "service-account-issuer": "https://kubernetes.default.svc.\(network.serviceDomain)",
            "service-account-key-file": "\(pki)/sa.pub",
            "service-account-signing-key-file": "\(pki)/sa.key",
            "service-cluster-ip-range": network.serviceCIDR,
            "tls-cert-file": "\(pki)/apiserver.crt",
            "tls-private-key-file": "\(pki)/apiserver.key",
        ]
        // The `kubernetes` Service of the hosted cluster points at the endpoint, which workers reach.
        if let host = endpoint.host, host.isIPAddress { flags["advertise-address"] = host }
        // The insecure port is off by default from 1.20 and the flag is gone from 1.24.
        if !version.isAtLeast(1, 24) { flags["insecure-port"] = "0" }
        switch datastore.type {
        case .sqlite, .kine:
            flags["etcd-servers"] = "http://\(Self.kineListenAddress)"
        case .etcd:
            flags["etcd-servers"] = "https://\(etcdName).\(namespace).svc:2379"
            flags.merge(etcdClientFlags) { _, new in new }
        case .externalEtcd:
            flags["etcd-servers"] = (datastore.externalEtcd?.endpoints ?? []).joined(separator: ",")
            if datastore.externalEtcd?.tlsSecretName != nil { flags.merge(etcdClientFlags) { _, new in new } }
        }
        return flags
    }

    private var etcdClientFlags: [String: String] {
        let pki = Self.kubeadmPKIDirectory
        return [
            "etcd-cafile": "\(pki)/etcd/ca.crt", "etcd-certfile": "\(pki)/apiserver-etcd-client.crt",
            "etcd-keyfile": "\(pki)/apiserver-etcd-client.key",
        ]
    }

    /// kube-controller-manager's flags, as kubeadm sets them for the version.
    func controllerManagerFlags() -> [String: String] {
        let pki = Self.kubeadmPKIDirectory
        let kubeconfig = "\(Self.kubeconfigDirectory)/controller-manager.conf"
        var flags = [
            "allocate-node-cidrs": "true",
            "authentication-kubeconfig": kubeconfig,
            "authorization-kubeconfig": kubeconfig,
            "client-ca-file": "\(pki)/ca.crt",
            "cluster-cidr": network.podCIDR,
            "cluster-name": clusterName,
            "cluster-signing-cert-file": "\(pki)/ca.crt",
            "cluster-signing-key-file": "\(pki)/ca.key",
            "controllers": "*,bootstrapsigner,tokencleaner",
            "kubeconfig": kubeconfig,
            "leader-elect": "true",
            "requestheader-client-ca-file": "\(pki)/front-proxy-ca.crt",
            "root-ca-file": "\(pki)/ca.crt",
            "service-account-private-key-file": "\(pki)/sa.key",
            "service-cluster-ip-range": network.serviceCIDR,
            "use-service-account-credentials": "true",
        ]
        // The insecure port went away in 1.22 (kubeadm set --port=0 before).
        if !version.isAtLeast(1, 22) { flags["port"] = "0" }
        return flags
    }

    /// kube-scheduler's flags, as kubeadm sets them for the version.
    func schedulerFlags() -> [String: String] {
        let kubeconfig = "\(Self.kubeconfigDirectory)/scheduler.conf"
        var flags = ["authentication-kubeconfig": kubeconfig, "authorization-kubeconfig": kubeconfig, "kubeconfig": kubeconfig, "leader-elect": "true"]
        // The insecure port went away in 1.23 (kubeadm set --port=0 before).
        if !version.isAtLeast(1, 23) { flags["port"] = "0" }
        return flags
    }
}

extension String {
    /// Whether this is an IPv4 or IPv6 address literal (not a host name).
    var isIPAddress: Bool {
        var v4 = in_addr(), v6 = in6_addr()
        return inet_pton(AF_INET, self, &v4) == 1 || inet_pton(AF_INET6, self, &v6) == 1
    }
}
