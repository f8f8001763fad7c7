import Crypto
import Foundation
import Testing
import X509

@testable import ControlPlane

@Suite("PKI with a CA brought by the user")
struct ClusterPKIBringYourOwnCATests {
    static let names = PKIFixture.names

    @Test("a user's CA is kept byte for byte and signs every certificate under it")
    func userCAIsUsed() async throws {
        let userCA = try PKICertificateFactory.authority(commonName: "corp-kubernetes", now: PKIFixture.now)
        let pki = try ClusterPKI.reconcile(
            settings: PKIFixture.settings(), existing: [Self.names.clusterCA: userCA], now: PKIFixture.now)

        #expect(pki.secrets[Self.names.clusterCA] == userCA)
        #expect(!pki.changedSecrets.contains(Self.names.clusterCA))
        let ca = try PKIFixture.certificate(pki, Self.names.clusterCA)
        for secret in [Self.names.apiServer, Self.names.apiServerKubeletClient, Self.names.konnectivityServer] {
            #expect(pki.secrets[secret]?[PKISecretKey.caCertificate] == userCA[PKISecretKey.certificate])
            let result = try runPKITool(
                "/usr/bin/openssl",
                ["verify", "-attime", String(Int(PKIFixture.now.timeIntervalSince1970)), "-CAfile", "ca.crt", "leaf.crt"],
                files: ["ca.crt": try #require(userCA[PKISecretKey.certificate]), "leaf.crt": try #require(pki.secrets[secret]?[PKISecretKey.certificate])])
            #expect(result.status == 0, "\(secret): \(result.output)")
        }
        let frontProxy = try PKIFixture.certificate(pki, Self.names.frontProxyCA)
        #expect(frontProxy.subject.commonName == "front-proxy-ca")
        let leaf = try PKIFixture.certificate(pki, Self.names.apiServer)
        #expect(leaf.issuer == ca.subject)
        #expect(leaf.signatureAlgorithm == .sha256WithRSAEncryption)
        #expect(leaf.notValidAfter == ca.notValidAfter, "a leaf must not outlive the user's one-year CA")
    }

    /// Bad CA Secrets and the error each must give.
    static let badCAs: [(description: String, data: @Sendable () throws -> [String: Data], expected: PKIError)] = [
        (
            "a key that belongs to another CA",
            {
                var data = try PKICertificateFactory.authority(commonName: "corp", now: PKIFixture.now)
                data[PKISecretKey.privateKey] = try PKICertificateFactory.authority(commonName: "other", now: PKIFixture.now)[PKISecretKey.privateKey]
                return data
            },
            .certificateAuthorityKeyMismatch(secret: "alpha-ca")
        ),
        (
            "a certificate without its key",
            { try PKICertificateFactory.authority(commonName: "corp", now: PKIFixture.now).filter { $0.key == PKISecretKey.certificate } },
            .certificateAuthorityIncomplete(secret: "alpha-ca", missingKey: "tls.key")
        ),
        (
            "a certificate that is not PEM",
            {
                var data = try PKICertificateFactory.authority(commonName: "corp", now: PKIFixture.now)
                data[PKISecretKey.certificate] = Data("hello".utf8)
                return data
            },
            .certificateAuthorityUnreadable(secret: "alpha-ca", key: "tls.crt")
        ),
        (
            "a key that is not PEM",
            {
                var data = try PKICertificateFactory.authority(commonName: "corp", now: PKIFixture.now)
                data[PKISecretKey.privateKey] = Data("-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n".utf8)
                return data
            },
            .certificateAuthorityUnreadable(secret: "alpha-ca", key: "tls.key")
        ),
        (
            "an expired CA",
            { try PKICertificateFactory.authority(commonName: "corp", now: PKIFixture.now.addingTimeInterval(-3 * 86_400), validFor: 86_400) },
            .certificateAuthorityExpired(secret: "alpha-ca", notAfter: PKIFixture.now.addingTimeInterval(-2 * 86_400))
        ),
        (
            "a certificate that is not a CA",
            {
                let key = P256.Signing.PrivateKey()
                let certificate = try PKICertificateFactory.selfSigned(
                    commonName: "server", key: Certificate.PrivateKey(key), isCA: false, now: PKIFixture.now, validFor: 86_400)
                return [
                    PKISecretKey.certificate: Data(try certificate.serializeAsPEM().pemString.utf8),
                    PKISecretKey.privateKey: Data(key.pemRepresentation.utf8),
                ]
            },
            .notACertificateAuthority(secret: "alpha-ca")
        ),
    ]

    @Test("a bad CA Secret is refused with an error naming the Secret and none of its content", arguments: 0..<badCAs.count)
    func badCA(index: Int) throws {
        let bad = Self.badCAs[index]
        let data = try bad.data()
        let error = try #require(throws: PKIError.self, "\(bad.description)") {
            try ClusterPKI.reconcile(settings: PKIFixture.settings(), existing: [Self.names.clusterCA: data], now: PKIFixture.now)
        }
        #expect(error == bad.expected, "\(bad.description)")
        let message = error.description
        #expect(message.contains("alpha-ca"), "\(bad.description): \(message)")
        for value in data.values {
            for line in String(decoding: value, as: UTF8.self).split(separator: "\n") where line.count > 8 && !line.hasPrefix("-----") {
                #expect(!message.contains(line), "\(bad.description): the message carries Secret content")
            }
        }
    }

    @Test("an etcd CA brought by the user signs the etcd certificates only")
    func userEtcdCA() throws {
        let userCA = try PKICertificateFactory.authority(commonName: "corp-etcd", now: PKIFixture.now)
        let pki = try ClusterPKI.reconcile(settings: PKIFixture.settings(), existing: [Self.names.etcdCA: userCA], now: PKIFixture.now)
        for secret in [Self.names.etcdServer, Self.names.etcdPeer, Self.names.apiServerEtcdClient] {
            #expect(try PKIFixture.certificate(pki, secret).issuer.commonName == "corp-etcd", "\(secret)")
        }
        #expect(try PKIFixture.certificate(pki, Self.names.apiServer).issuer.commonName == "kubernetes")
    }

    @Test("a service-account key pair in place is kept; one whose halves do not match is refused")
    func serviceAccountKey() throws {
        let key = P256.Signing.PrivateKey()
        let pair = [
            PKISecretKey.certificate: Data(key.publicKey.pemRepresentation.utf8),
            PKISecretKey.privateKey: Data(key.pemRepresentation.utf8),
        ]
        let kept = try ClusterPKI.reconcile(settings: PKIFixture.settings(), existing: [Self.names.serviceAccount: pair], now: PKIFixture.now)
        #expect(kept.secrets[Self.names.serviceAccount] == pair)

        let onlyKey = try ClusterPKI.reconcile(
            settings: PKIFixture.settings(), existing: [Self.names.serviceAccount: pair.filter { $0.key == PKISecretKey.privateKey }],
            now: PKIFixture.now)
        let derived = try PKIFixture.text(onlyKey, Self.names.serviceAccount, PKISecretKey.certificate)
        #expect(try P256.Signing.PublicKey(pemRepresentation: derived).rawRepresentation == key.publicKey.rawRepresentation)

        var mismatched = pair
        mismatched[PKISecretKey.certificate] = Data(P256.Signing.PrivateKey().publicKey.pemRepresentation.utf8)
        #expect(throws: PKIError.serviceAccountKeyMismatch(secret: "alpha-sa")) {
            try ClusterPKI.reconcile(settings: PKIFixture.settings(), existing: [Self.names.serviceAccount: mismatched], now: PKIFixture.now)
        }
        #expect(throws: PKIError.serviceAccountKeyUnreadable(secret: "alpha-sa")) {
            try ClusterPKI.reconcile(
                settings: PKIFixture.settings(), existing: [Self.names.serviceAccount: [PKISecretKey.privateKey: Data("x".utf8)]],
                now: PKIFixture.now)
        }
    }

    @Test("a generated service-account key is a key pair of the configured algorithm", arguments: CertificateKeyAlgorithm.allCases)
    func generatedServiceAccountKey(algorithm: CertificateKeyAlgorithm) throws {
        let pki = try ClusterPKI.reconcile(settings: PKIFixture.settings(algorithm), existing: [:], now: PKIFixture.now)
        let publicPEM = try PKIFixture.text(pki, Self.names.serviceAccount, PKISecretKey.certificate)
        let privatePEM = try PKIFixture.text(pki, Self.names.serviceAccount, PKISecretKey.privateKey)
        #expect(publicPEM.hasPrefix("-----BEGIN PUBLIC KEY-----"))
        let publicKey = try Certificate.PublicKey(pemEncoded: publicPEM)
        #expect(publicKey == (try KeyPair(pem: privatePEM)).publicKey)
        #expect(publicKey.keyAlgorithm == algorithm)
        let opensslView = try runPKITool(
            "/usr/bin/openssl", ["pkey", "-in", "sa.key", "-pubout"], files: ["sa.key": Data(privatePEM.utf8)])
        #expect(opensslView.status == 0)
        #expect(opensslView.output == publicPEM.trimmingCharacters(in: .newlines) + "\n" || opensslView.output == publicPEM)
    }

    @Test("settings no certificate can carry are refused, naming the setting")
    func invalidSettings() throws {
        var badIP = PKIFixture.settings()
        badIP.apiServerIPAddresses.append("10.0.0.300")
        #expect(throws: PKIError.invalidSettings("apiServerIPAddresses contains \"10.0.0.300\", which is not an IPv4 or IPv6 address")) {
            try ClusterPKI.reconcile(settings: badIP, existing: [:], now: PKIFixture.now)
        }
        var badEndpoint = PKIFixture.settings()
        badEndpoint.controlPlaneEndpoint = "alpha.example.com:6443"
        let error = try #require(throws: PKIError.self) { try ClusterPKI.reconcile(settings: badEndpoint, existing: [:], now: PKIFixture.now) }
        #expect(error.description.contains("controlPlaneEndpoint"))
    }
}
