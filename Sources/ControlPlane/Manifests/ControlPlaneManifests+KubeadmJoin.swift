import Foundation
import KubeKit

extension ControlPlaneManifests {
    /// For the kubeadm flavor, what `kubeadm init` uploads into a new cluster so that
    /// `kubeadm join` works against it, to be applied into the hosted cluster once it answers:
    /// the `cluster-info` ConfigMap in `kube-public` that joining nodes discover the cluster from
    /// (readable anonymously; the controller manager's bootstrap signer signs it for each
    /// token), the `kubeadm-config` and kubelet configuration ConfigMaps in `kube-system` with
    /// the Roles that let bootstrapping and joined nodes read them, and the permission to look
    /// up Nodes that kubeadm checks before joining. Empty for the k0s flavor, whose controller
    /// serves its joins itself. The CSR approval bindings come with each join token (Bootstrap).
    public func kubeadmJoinObjects(caCertificatePEM: String) throws -> [JSONValue] {
        guard flavor == .kubeadm else { return [] }
        let readers: [JSONValue] = [
            ["kind": "Group", "apiGroup": "rbac.authorization.k8s.io", "name": "system:bootstrappers:kubeadm:default-node-token"],
            ["kind": "Group", "apiGroup": "rbac.authorization.k8s.io", "name": "system:nodes"],
        ]
        let kubeletConfigName = version.isAtLeast(1, 24) ? "kubelet-config" : "kubelet-config-\(version.major).\(version.minor)"
        let kubeletConfigRole = version.isAtLeast(1, 24) ? "kubeadm:kubelet-config" : "kubeadm:kubelet-config-\(version.major).\(version.minor)"
        return [
            Self.configMap("cluster-info", namespace: "kube-public", key: "kubeconfig", value: try YAMLDocuments.encode([clusterInfoKubeconfig(caCertificatePEM: caCertificatePEM)])),
            Self.readerRole("kubeadm:bootstrap-signer-clusterinfo", namespace: "kube-public", configMap: "cluster-info"),
            Self.roleBinding(
                "kubeadm:bootstrap-signer-clusterinfo", namespace: "kube-public",
                subjects: [["kind": "User", "apiGroup": "rbac.authorization.k8s.io", "name": "system:anonymous"]]),
            Self.configMap("kubeadm-config", namespace: "kube-system", key: "ClusterConfiguration", value: try YAMLDocuments.encode([clusterConfiguration])),
            Self.readerRole("kubeadm:nodes-kubeadm-config", namespace: "kube-system", configMap: "kubeadm-config"),
            Self.roleBinding("kubeadm:nodes-kubeadm-config", namespace: "kube-system", subjects: readers),
            Self.configMap(kubeletConfigName, namespace: "kube-system", key: "kubelet", value: try YAMLDocuments.encode([kubeletConfiguration])),
            Self.readerRole(kubeletConfigRole, namespace: "kube-system", configMap: kubeletConfigName),
            Self.roleBinding(kubeletConfigRole, namespace: "kube-system", subjects: readers),
            [
                "apiVersion": "rbac.authorization.k8s.io/v1", "kind": "ClusterRole", "metadata": ["name": "kubeadm:get-nodes"],
                "rules": [["apiGroups": [""], "resources": ["nodes"], "verbs": ["get"]]],
            ],
            [
                "apiVersion": "rbac.authorization.k8s.io/v1", "kind": "ClusterRoleBinding", "metadata": ["name": "kubeadm:get-nodes"],
                "roleRef": ["apiGroup": "rbac.authorization.k8s.io", "kind": "ClusterRole", "name": "kubeadm:get-nodes"],
                "subjects": [readers[0]],
            ],
        ]
    }

    /// The API server's URL as workers reach it.
    var endpointURL: String {
        let host = endpoint.host ?? ""
        return "https://\(host.contains(":") ? "[\(host)]" : host):\(endpoint.port ?? apiServerPort)"
    }

    /// A kubeconfig with only the cluster: the CA and the endpoint, as kubeadm publishes it.
    private func clusterInfoKubeconfig(caCertificatePEM: String) -> JSONValue {
        [
            "apiVersion": "v1", "kind": "Config",
            "clusters": [["name": "", "cluster": ["server": .string(endpointURL), "certificate-authority-data": .string(Data(caCertificatePEM.utf8).base64EncodedString())]]],
            "contexts": [], "current-context": "", "preferences": [:], "users": [],
        ]
    }

    /// The ClusterConfiguration kubeadm reads while joining, in the kubeadm API of the version.
    private var clusterConfiguration: JSONValue {
        let apiVersion = version.isAtLeast(1, 31) ? "v1beta4" : version.isAtLeast(1, 22) ? "v1beta3" : "v1beta2"
        var configuration: [String: JSONValue] = [
            "apiVersion": .string("kubeadm.k8s.io/\(apiVersion)"), "kind": "ClusterConfiguration",
            "clusterName": .string(clusterName),
            "kubernetesVersion": .string(version.description),
            "controlPlaneEndpoint": .string(String(endpointURL.dropFirst("https://".count))),
            "certificatesDir": .string(Self.kubeadmPKIDirectory),
            "networking": ["serviceSubnet": .string(network.serviceCIDR), "podSubnet": .string(network.podCIDR), "dnsDomain": .string(network.serviceDomain)],
        ]
        if let repository = spec.imageRepository, !repository.isEmpty { configuration["imageRepository"] = .string(repository) }
        return .object(configuration)
    }

    /// The kubelet configuration every joining node starts with, as kubeadm writes it: webhook
    /// authentication and authorization, the cluster CA for client certificates, rotated
    /// certificates, the cluster DNS address (the tenth of the Service range) and domain, and
    /// the cgroup driver.
    private var kubeletConfiguration: JSONValue {
        var configuration: [String: JSONValue] = [
            "apiVersion": "kubelet.config.k8s.io/v1beta1", "kind": "KubeletConfiguration",
            "authentication": [
                "anonymous": ["enabled": false], "webhook": ["enabled": true],
                "x509": ["clientCAFile": .string("\(Self.kubeadmPKIDirectory)/ca.crt")],
            ],
            "authorization": ["mode": "Webhook"],
            "clusterDomain": .string(network.serviceDomain),
            "rotateCertificates": true,
            "staticPodPath": "/etc/kubernetes/manifests",
        ]
        if let dns = Self.tenthAddress(of: network.serviceCIDR) { configuration["clusterDNS"] = [.string(dns)] }
        // kubeadm writes the systemd cgroup driver from 1.22 on; before, the kubelet's default.
        if version.isAtLeast(1, 22) { configuration["cgroupDriver"] = "systemd" }
        return .object(configuration)
    }

    /// The tenth address of an IPv4 range (`10.96.0.0/12` → `10.96.0.10`), where kubeadm puts
    /// the cluster DNS Service; nil for anything else.
    static func tenthAddress(of cidr: String) -> String? {
        let octets = cidr.split(separator: "/").first?.split(separator: ".").compactMap { UInt32($0) } ?? []
        guard octets.count == 4, octets.allSatisfy({ $0 < 256 }) else { return nil }
        let address = octets.reduce(0) { $0 << 8 | $1 } + 10
        return [24, 16, 8, 0].map { String(address >> $0 & 0xff) }.joined(separator: ".")
    }

    private static func configMap(_ name: String, namespace: String, key: String, value: String) -> JSONValue {
        ["apiVersion": "v1", "kind": "ConfigMap", "metadata": ["name": .string(name), "namespace": .string(namespace)], "data": [key: .string(value)]]
    }

    private static func readerRole(_ name: String, namespace: String, configMap: String) -> JSONValue {
        [
            "apiVersion": "rbac.authorization.k8s.io/v1", "kind": "Role", "metadata": ["name": .string(name), "namespace": .string(namespace)],
            "rules": [["apiGroups": [""], "resources": ["configmaps"], "resourceNames": [.string(configMap)], "verbs": ["get"]]],
        ]
    }

    private static func roleBinding(_ name: String, namespace: String, subjects: [JSONValue]) -> JSONValue {
        [
            "apiVersion": "rbac.authorization.k8s.io/v1", "kind": "RoleBinding", "metadata": ["name": .string(name), "namespace": .string(namespace)],
            "roleRef": ["apiGroup": "rbac.authorization.k8s.io", "kind": "Role", "name": .string(name)], "subjects": .array(subjects),
        ]
    }
}
