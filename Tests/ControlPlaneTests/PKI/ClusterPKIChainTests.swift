import Foundation
import SwiftASN1
import Testing
import X509

@testable import ControlPlane

/// What kubeadm's documentation says each leaf certificate is: its CA, subject and purposes.
struct ExpectedLeaf: Sendable, CustomStringConvertible {
    var secret: String
    var caSecret: String
    var commonName: String
    var organizations: [String] = []
    var usages: Set<ExtendedKeyUsage.Usage>
    var description: String { secret }

    var isServer: Bool { usages.contains(.serverAuth) }

    static let all: [ExpectedLeaf] = {
        let n = PKIFixture.names
        return [
            ExpectedLeaf(secret: n.apiServer, caSecret: n.clusterCA, commonName: "kube-apiserver", usages: [.serverAuth]),
            ExpectedLeaf(
                secret: n.apiServerKubeletClient, caSecret: n.clusterCA, commonName: "kube-apiserver-kubelet-client",
                organizations: ["system:masters"], usages: [.clientAuth]),
            ExpectedLeaf(secret: n.frontProxyClient, caSecret: n.frontProxyCA, commonName: "front-proxy-client", usages: [.clientAuth]),
            ExpectedLeaf(secret: n.apiServerEtcdClient, caSecret: n.etcdCA, commonName: "kube-apiserver-etcd-client", usages: [.clientAuth]),
            ExpectedLeaf(secret: n.etcdServer, caSecret: n.etcdCA, commonName: "kube-etcd", usages: [.serverAuth, .clientAuth]),
            ExpectedLeaf(secret: n.etcdPeer, caSecret: n.etcdCA, commonName: "kube-etcd-peer", usages: [.serverAuth, .clientAuth]),
            ExpectedLeaf(secret: n.konnectivityServer, caSecret: n.clusterCA, commonName: "konnectivity-server", usages: [.serverAuth]),
        ]
    }()
}

@Suite("PKI certificate chains")
struct ClusterPKIChainTests {
    static let ecdsa = Result { try ClusterPKI.reconcile(settings: PKIFixture.settings(), existing: [:], now: PKIFixture.now) }
    static let rsa = Result { try ClusterPKI.reconcile(settings: PKIFixture.settings(.rsa2048), existing: [:], now: PKIFixture.now) }

    static func pki(_ algorithm: CertificateKeyAlgorithm) throws -> ClusterPKI {
        try (algorithm == .ecdsaP256 ? ecdsa : rsa).get()
    }

    @Test("a PKI from nothing has every Secret of the contract, each with its data keys")
    func completeSet() throws {
        let pki = try Self.pki(.ecdsaP256)
        let names = PKIFixture.names
        #expect(Set(pki.secrets.keys) == Set(names.all))
        for secret in names.certificateAuthorities + [names.serviceAccount] {
            #expect(Set(pki.secrets[secret].map { Array($0.keys) } ?? []) == [PKISecretKey.certificate, PKISecretKey.privateKey], "\(secret)")
        }
        for secret in names.leafCertificates {
            #expect(
                Set(pki.secrets[secret].map { Array($0.keys) } ?? []) == [PKISecretKey.certificate, PKISecretKey.privateKey, PKISecretKey.caCertificate],
                "\(secret)")
        }
        for secret in names.kubeconfigs {
            #expect(Set(pki.secrets[secret].map { Array($0.keys) } ?? []) == [PKISecretKey.kubeconfig], "\(secret)")
        }
        #expect(pki.changedSecrets == Set(names.all))
    }

    @Test("CAs are self-signed, marked CA, may sign certificates and CRLs, and live for caValidity", arguments: CertificateKeyAlgorithm.allCases)
    func certificateAuthorities(algorithm: CertificateKeyAlgorithm) throws {
        let pki = try Self.pki(algorithm)
        let names = PKIFixture.names
        let commonNames = [names.clusterCA: "kubernetes", names.frontProxyCA: "front-proxy-ca", names.etcdCA: "etcd-ca"]
        for (secret, commonName) in commonNames {
            let ca = try PKIFixture.certificate(pki, secret)
            #expect(ca.subject == ca.issuer, "\(secret)")
            #expect(ca.subject.description == "CN=\(commonName)", "\(secret)")
            #expect(ca.publicKey.isValidSignature(ca.signature, for: ca), "\(secret)")
            #expect(try ca.extensions.basicConstraints == .isCertificateAuthority(maxPathLength: nil), "\(secret)")
            #expect(ca.extensions[oid: .X509ExtensionID.basicConstraints]?.critical == true, "\(secret)")
            #expect(try ca.extensions.keyUsage == KeyUsage(digitalSignature: true, keyCertSign: true, cRLSign: true), "\(secret)")
            #expect(try ca.extensions.subjectKeyIdentifier?.keyIdentifier == SubjectKeyIdentifier(hash: ca.publicKey).keyIdentifier)
            #expect(ca.notValidAfter == PKIFixture.now.addingTimeInterval(3650 * 86_400), "\(secret)")
            #expect(ca.notValidBefore <= PKIFixture.now, "\(secret)")
            #expect(ca.publicKey.keyAlgorithm == algorithm, "\(secret)")
        }
    }

    @Test("every leaf chains to its own CA under swift-certificates' RFC 5280 verifier", arguments: CertificateKeyAlgorithm.allCases)
    func swiftCertificatesVerifier(algorithm: CertificateKeyAlgorithm) async throws {
        let pki = try Self.pki(algorithm)
        for expected in ExpectedLeaf.all {
            let leaf = try PKIFixture.certificate(pki, expected.secret)
            let ca = try PKIFixture.certificate(pki, expected.caSecret)
            #expect(try PKIFixture.certificate(pki, expected.secret, key: PKISecretKey.caCertificate) == ca, "\(expected)")
            var verifier = Verifier(rootCertificates: CertificateStore([ca])) {
                RFC5280Policy(validationTime: PKIFixture.now.addingTimeInterval(3600))
            }
            let result = await verifier.validate(leaf: leaf, intermediates: CertificateStore())
            guard case .validCertificate(let chain) = result else {
                Issue.record("\(expected) does not verify: \(result)")
                continue
            }
            #expect(Array(chain) == [leaf, ca], "\(expected)")

            let otherCAs = PKIFixture.names.certificateAuthorities.filter { $0 != expected.caSecret }
            var strangers = Verifier(rootCertificates: CertificateStore(try otherCAs.map { try PKIFixture.certificate(pki, $0) })) {
                RFC5280Policy(validationTime: PKIFixture.now.addingTimeInterval(3600))
            }
            guard case .couldNotValidate = await strangers.validate(leaf: leaf, intermediates: CertificateStore()) else {
                Issue.record("\(expected) verifies against a CA that did not sign it")
                continue
            }
        }
    }

    @Test("every leaf verifies with openssl verify -x509_strict for its purpose", arguments: CertificateKeyAlgorithm.allCases)
    func opensslVerify(algorithm: CertificateKeyAlgorithm) throws {
        let pki = try Self.pki(algorithm)
        let at = String(Int(PKIFixture.now.timeIntervalSince1970) + 3600)
        for expected in ExpectedLeaf.all {
            let files = [
                "ca.crt": try (pki.secrets[expected.caSecret]?[PKISecretKey.certificate]).orPKIFailure("no CA"),
                "leaf.crt": try (pki.secrets[expected.secret]?[PKISecretKey.certificate]).orPKIFailure("no leaf"),
            ]
            for purpose in expected.usages.map({ $0 == .serverAuth ? "sslserver" : "sslclient" }) {
                let result = try runPKITool(
                    "/usr/bin/openssl", ["verify", "-x509_strict", "-purpose", purpose, "-attime", at, "-CAfile", "ca.crt", "leaf.crt"],
                    files: files)
                #expect(result.status == 0 && result.output.contains("leaf.crt: OK"), "\(expected) \(purpose): \(result.output)")
            }
            let wrongPurpose = expected.isServer && !expected.usages.contains(.clientAuth) ? "sslclient" : (expected.isServer ? nil : "sslserver")
            if let wrongPurpose {
                let result = try runPKITool(
                    "/usr/bin/openssl", ["verify", "-purpose", wrongPurpose, "-attime", at, "-CAfile", "ca.crt", "leaf.crt"], files: files)
                #expect(result.status != 0, "\(expected) passes openssl as \(wrongPurpose)")
            }
        }
    }

    @Test("leaves carry kubeadm's subjects, extended key usages and key usages", arguments: CertificateKeyAlgorithm.allCases)
    func subjectsAndUsages(algorithm: CertificateKeyAlgorithm) throws {
        let pki = try Self.pki(algorithm)
        for expected in ExpectedLeaf.all {
            let leaf = try PKIFixture.certificate(pki, expected.secret)
            let ca = try PKIFixture.certificate(pki, expected.caSecret)
            #expect(leaf.subject.commonName == expected.commonName, "\(expected)")
            #expect(leaf.subject.organizations == expected.organizations, "\(expected)")
            #expect(Set(try leaf.extensions.extendedKeyUsage.orPKIFailure("no EKU")) == expected.usages, "\(expected)")
            #expect(
                try leaf.extensions.keyUsage == KeyUsage(digitalSignature: true, keyEncipherment: algorithm == .rsa2048),
                "\(expected)")
            #expect(try leaf.extensions.basicConstraints == .notCertificateAuthority, "\(expected)")
            #expect(
                try leaf.extensions.authorityKeyIdentifier?.keyIdentifier == ca.extensions.subjectKeyIdentifier?.keyIdentifier,
                "\(expected)")
            #expect(leaf.publicKey.keyAlgorithm == algorithm, "\(expected)")
            let key = try KeyPair(pem: PKIFixture.text(pki, expected.secret, PKISecretKey.privateKey))
            #expect(key.publicKey == leaf.publicKey, "\(expected)")
        }
    }

    @Test("leaves are valid from before now for certificateValidity")
    func validityWindows() throws {
        let pki = try Self.pki(.ecdsaP256)
        for expected in ExpectedLeaf.all {
            let leaf = try PKIFixture.certificate(pki, expected.secret)
            #expect(leaf.notValidBefore < PKIFixture.now, "\(expected)")
            #expect(leaf.notValidBefore >= PKIFixture.now.addingTimeInterval(-600), "\(expected)")
            #expect(leaf.notValidAfter == PKIFixture.now.addingTimeInterval(365 * 86_400), "\(expected)")
        }
    }

    @Test("the API server certificate names every address a client may use, and no other")
    func apiServerNames() async throws {
        let pki = try Self.pki(.ecdsaP256)
        let leaf = try PKIFixture.certificate(pki, PKIFixture.names.apiServer)
        let ca = try PKIFixture.certificate(pki, PKIFixture.names.clusterCA)
        let settings = PKIFixture.settings()
        let dnsNames = ["kubernetes", "kubernetes.default", "kubernetes.default.svc", "kubernetes.default.svc.cluster.local", "localhost"]
            + settings.apiServerDNSNames
        let ipAddresses = ["127.0.0.1"] + settings.apiServerIPAddresses
        let sans = try leaf.extensions.subjectAlternativeNames.orPKIFailure("no SANs")
        #expect(sans.count == dnsNames.count + ipAddresses.count)
        for (hostname, ip) in dnsNames.map({ ($0, nil as String?) }) + ipAddresses.map({ (nil as String?, $0) }) {
            var verifier = Verifier(rootCertificates: CertificateStore([ca])) {
                RFC5280Policy(validationTime: PKIFixture.now)
                ServerIdentityPolicy(serverHostname: hostname, serverIP: ip)
            }
            let result = await verifier.validate(leaf: leaf, intermediates: CertificateStore())
            guard case .validCertificate = result else {
                Issue.record("\(hostname ?? ip ?? "") is not a valid name of the API server: \(result)")
                continue
            }
        }
        var elsewhere = Verifier(rootCertificates: CertificateStore([ca])) {
            RFC5280Policy(validationTime: PKIFixture.now)
            ServerIdentityPolicy(serverHostname: "beta.example.com", serverIP: nil)
        }
        guard case .couldNotValidate = await elsewhere.validate(leaf: leaf, intermediates: CertificateStore()) else {
            Issue.record("the API server certificate is valid for a name it was not given")
            return
        }
    }

    @Test("etcd and konnectivity certificates name their Services and loopback")
    func etcdAndKonnectivityNames() throws {
        let pki = try Self.pki(.ecdsaP256)
        let loopback6 = ASN1OctetString(contentBytes: ArraySlice([UInt8](repeating: 0, count: 15) + [1]))
        let etcd: Set<GeneralName> = [
            .dnsName("localhost"), .dnsName("alpha-etcd"), .dnsName("alpha-etcd-0.alpha-etcd.tenants.svc"),
            .ipAddress(ASN1OctetString(contentBytes: [127, 0, 0, 1])), .ipAddress(loopback6),
        ]
        let etcdServer = try PKIFixture.certificate(pki, PKIFixture.names.etcdServer)
        let etcdPeer = try PKIFixture.certificate(pki, PKIFixture.names.etcdPeer)
        #expect(Set(try etcdServer.extensions.subjectAlternativeNames.orPKIFailure("no SANs")) == etcd)
        #expect(Set(try etcdPeer.extensions.subjectAlternativeNames.orPKIFailure("no SANs")) == etcd)
        let konnectivity = try PKIFixture.certificate(pki, PKIFixture.names.konnectivityServer)
        let konnectivityNames = try konnectivity.extensions.subjectAlternativeNames.orPKIFailure("no SANs")
        #expect(konnectivityNames.contains(.dnsName("alpha.example.com")))
        #expect(konnectivityNames.contains(.ipAddress(ASN1OctetString(contentBytes: [192, 0, 2, 7]))))
    }
}

extension DistinguishedName {
    var commonName: String? {
        flatMap { $0 }.first { $0.type == .RDNAttributeType.commonName }.map { "\($0.value)" }
    }

    var organizations: [String] {
        flatMap { $0 }.filter { $0.type == .RDNAttributeType.organizationName }.map { "\($0.value)" }
    }
}
