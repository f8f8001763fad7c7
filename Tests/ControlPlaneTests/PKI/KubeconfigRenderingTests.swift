import Foundation
import KubeKit
import Testing
import X509

@testable import ControlPlane

@Suite("PKI kubeconfigs")
struct KubeconfigRenderingTests {
    static let pki = Result { try ClusterPKI.reconcile(settings: PKIFixture.settings(), existing: [:], now: PKIFixture.now) }

    /// Each kubeconfig Secret, the server it must point at and the identity of its client certificate.
    static let expected: [(secret: String, server: String, commonName: String, organizations: [String])] = [
        (PKIFixture.names.adminKubeconfig, "https://alpha.example.com:6443", "kubernetes-admin", ["system:masters"]),
        (PKIFixture.names.controllerManagerKubeconfig, "https://127.0.0.1:6443", "system:kube-controller-manager", []),
        (PKIFixture.names.schedulerKubeconfig, "https://127.0.0.1:6443", "system:kube-scheduler", []),
        (PKIFixture.names.konnectivityKubeconfig, "https://127.0.0.1:6443", "system:konnectivity-server", []),
    ]

    @Test("KubeKit reads every kubeconfig: server, trusted CA and client identity", arguments: 0..<expected.count)
    func kubeKitParses(index: Int) throws {
        let expected = Self.expected[index]
        let pki = try Self.pki.get()
        let yaml = try PKIFixture.text(pki, expected.secret, PKISecretKey.kubeconfig)
        let configuration = try ClientConfiguration.fromKubeconfig(yaml: yaml)
        #expect(configuration.server == expected.server)
        #expect(configuration.trustRoots?.count == 1)
        #expect(configuration.clientIdentity != nil)
        #expect(!configuration.insecureSkipTLSVerify)
    }

    @Test("kubectl reads every kubeconfig and finds the embedded CA and client certificate", arguments: 0..<expected.count)
    func kubectlParses(index: Int) async throws {
        let expected = Self.expected[index]
        let pki = try Self.pki.get()
        let kubeconfig = try #require(pki.secrets[expected.secret]?[PKISecretKey.kubeconfig])
        let result = try runPKITool(
            "/usr/bin/kubectl", ["config", "view", "--kubeconfig", "config", "--raw", "--minify", "-o", "json"], files: ["config": kubeconfig])
        #expect(result.status == 0, "\(result.output)")
        let view = try JSONDecoder().decode(KubectlView.self, from: Data(result.output.utf8))
        let cluster = try #require(view.clusters.first?.cluster)
        #expect(cluster.server == expected.server)
        #expect(Data(base64Encoded: cluster.certificateAuthorityData) == pki.secrets[PKIFixture.names.clusterCA]?[PKISecretKey.certificate])
        let user = try #require(view.users.first?.user)
        let certificatePEM = try #require(Data(base64Encoded: user.clientCertificateData))
        let certificate = try Certificate(pemEncoded: String(decoding: certificatePEM, as: UTF8.self))
        #expect(certificate.subject.commonName == expected.commonName)
        #expect(certificate.subject.organizations == expected.organizations)
        #expect(Set(try certificate.extensions.extendedKeyUsage.orPKIFailure("no EKU")) == [.clientAuth])
        let key = try KeyPair(pem: String(decoding: try #require(Data(base64Encoded: user.clientKeyData)), as: UTF8.self))
        #expect(key.publicKey == certificate.publicKey)

        let ca = try PKIFixture.certificate(pki, PKIFixture.names.clusterCA)
        var verifier = Verifier(rootCertificates: CertificateStore([ca])) { RFC5280Policy(validationTime: PKIFixture.now) }
        guard case .validCertificate = await verifier.validate(leaf: certificate, intermediates: CertificateStore()) else {
            Issue.record("the client certificate of \(expected.secret) does not chain to the cluster CA")
            return
        }
    }

    @Test("the admin client certificate lives clientCertificateValidity; component ones certificateValidity")
    func clientCertificateLifetimes() throws {
        let pki = try Self.pki.get()
        for expected in Self.expected {
            let yaml = try PKIFixture.text(pki, expected.secret, PKISecretKey.kubeconfig)
            let line = try #require(yaml.split(separator: "\n").first { $0.contains("client-certificate-data:") })
            let pem = try #require(Data(base64Encoded: String(line.split(separator: " ").last ?? "")))
            let certificate = try Certificate(pemEncoded: String(decoding: pem, as: UTF8.self))
            let lifetime = expected.secret == PKIFixture.names.adminKubeconfig ? 24 * 3600.0 : 365 * 86_400.0
            #expect(certificate.notValidAfter == PKIFixture.now.addingTimeInterval(lifetime), "\(expected.secret)")
        }
    }

    @Test("names with YAML syntax in them cannot break the kubeconfig")
    func quoting() throws {
        let profile = KubeconfigProfile(
            clusterName: "a\"b: #c\n", userName: "- [u]\\", server: "https://127.0.0.1:6443",
            client: CertificateProfile(
                secretName: "s", issuer: .cluster, commonName: "u", extendedKeyUsages: [.clientAuth], validity: .seconds(3600)))
        let pki = try Self.pki.get()
        let yaml = profile.render(
            caCertificatePEM: try #require(pki.secrets[PKIFixture.names.clusterCA]?[PKISecretKey.certificate]),
            certificatePEM: try PKIFixture.text(pki, PKIFixture.names.apiServerKubeletClient, PKISecretKey.certificate),
            keyPEM: try PKIFixture.text(pki, PKIFixture.names.apiServerKubeletClient, PKISecretKey.privateKey))
        let configuration = try ClientConfiguration.fromKubeconfig(yaml: yaml)
        #expect(configuration.server == "https://127.0.0.1:6443")
        let result = try runPKITool(
            "/usr/bin/kubectl", ["config", "view", "--kubeconfig", "config", "-o", "jsonpath={.current-context}"], files: ["config": Data(yaml.utf8)])
        #expect(result.output == "- [u]\\@a\"b: #c\n")
    }
}

/// The parts of `kubectl config view -o json` the tests read.
struct KubectlView: Decodable {
    struct NamedCluster: Decodable {
        struct Cluster: Decodable {
            var server: String
            var certificateAuthorityData: String
            enum CodingKeys: String, CodingKey {
                case server
                case certificateAuthorityData = "certificate-authority-data"
            }
        }
        var name: String
        var cluster: Cluster
    }
    struct NamedUser: Decodable {
        struct User: Decodable {
            var clientCertificateData: String
            var clientKeyData: String
            enum CodingKeys: String, CodingKey {
                case clientCertificateData = "client-certificate-data"
                case clientKeyData = "client-key-data"
            }
        }
        var name: String
        var user: User
    }
    var clusters: [NamedCluster]
    var users: [NamedUser]
}
