import ClusterAPI
import ControlPlane
import Foundation
import KubeKit
import Testing

@Suite("what kubeadm join needs in the hosted cluster")
struct KubeadmJoinObjectsTests {
    static let caPEM = "-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n"

    @Test("the kubeadm flavor publishes cluster-info, kubeadm-config and the kubelet configuration with the Roles that let joining nodes read them (golden file)")
    func golden() throws {
        let manifests = ManifestCases.manifests(HostedControlPlane.Spec(version: "v1.31.2", flavor: .kubeadm))
        let actual = try YAMLDocuments.encode(try manifests.kubeadmJoinObjects(caCertificatePEM: Self.caPEM))
        #expect(actual == (try ManifestGolden.expected(named: "kubeadm-join-objects-v1.31", actual: actual)))
    }

    @Test(
        "each version gets the kubeadm API and kubelet ConfigMap name kubeadm itself uses",
        arguments: [
            ("v1.20.2", "kubeadm.k8s.io/v1beta2", "kubelet-config-1.20"), ("v1.23.4", "kubeadm.k8s.io/v1beta3", "kubelet-config-1.23"),
            ("v1.24.0", "kubeadm.k8s.io/v1beta3", "kubelet-config"), ("v1.31.2", "kubeadm.k8s.io/v1beta4", "kubelet-config"),
        ])
    func versions(version: String, kubeadmAPI: String, kubeletConfigMap: String) throws {
        let objects = try ManifestCases.manifests(HostedControlPlane.Spec(version: version, flavor: .kubeadm)).kubeadmJoinObjects(caCertificatePEM: Self.caPEM)
        let names = objects.map { "\($0["kind"]?.stringValue ?? "") \($0[path: ["metadata", "name"]]?.stringValue ?? "")" }
        #expect(names.contains("ConfigMap \(kubeletConfigMap)") && names.contains("Role kubeadm:\(kubeletConfigMap)"))
        let kubeadmConfig = try #require(objects.first { $0[path: ["metadata", "name"]] == "kubeadm-config" })
        let clusterConfiguration = try #require(kubeadmConfig[path: ["data", "ClusterConfiguration"]]?.stringValue)
        #expect(clusterConfiguration.contains("apiVersion: \(kubeadmAPI)"))
        #expect(clusterConfiguration.contains("kubernetesVersion: \(version)"))
        #expect(clusterConfiguration.contains("controlPlaneEndpoint: 203.0.113.10:6443"))
    }

    @Test("cluster-info carries the CA and the endpoint workers reach")
    func clusterInfo() throws {
        let objects = try ManifestCases.manifests(HostedControlPlane.Spec(version: "v1.31.2", flavor: .kubeadm)).kubeadmJoinObjects(caCertificatePEM: Self.caPEM)
        let clusterInfo = try #require(objects.first { $0[path: ["metadata", "name"]] == "cluster-info" })
        let kubeconfig = try #require(clusterInfo[path: ["data", "kubeconfig"]]?.stringValue)
        #expect(kubeconfig.contains("server: https://203.0.113.10:6443"))
        #expect(kubeconfig.contains("certificate-authority-data: \(Data(Self.caPEM.utf8).base64EncodedString())"))
    }

    @Test("the k0s flavor needs none of it: its controller serves joins itself")
    func k0s() throws {
        #expect(try ManifestCases.manifests(HostedControlPlane.Spec(version: "v1.31.2", flavor: .k0s)).kubeadmJoinObjects(caCertificatePEM: Self.caPEM).isEmpty)
    }
}
