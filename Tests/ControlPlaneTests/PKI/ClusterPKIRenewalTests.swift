import Foundation
import Testing
import X509

@testable import ControlPlane

/// A change between two reconciles and the Secrets it must re-issue; every other Secret must come
/// back byte for byte.
struct RenewalCase: Sendable, CustomStringConvertible {
    var description: String
    var change: @Sendable (inout ClusterPKISettings, inout [String: [String: Data]], inout Date) throws -> Void
    var reissued: Set<String>

    static let names = PKIFixture.names
    static let clusterSigned = Set([names.apiServer, names.apiServerKubeletClient, names.konnectivityServer] + names.kubeconfigs)
    static let allLeaves = Set(names.leafCertificates + names.kubeconfigs)

    static let all: [RenewalCase] = [
        RenewalCase(description: "nothing changed", change: { _, _, _ in }, reissued: []),
        RenewalCase(description: "ten hours later", change: { _, _, now in now += 10 * 3600 }, reissued: []),
        RenewalCase(
            description: "seventeen hours later the admin certificate is due",
            change: { _, _, now in now += 17 * 3600 }, reissued: [names.adminKubeconfig]),
        RenewalCase(
            description: "a new API server IP address",
            change: { settings, _, _ in settings.apiServerIPAddresses.append("203.0.113.9") }, reissued: [names.apiServer]),
        RenewalCase(
            description: "a new API server DNS name",
            change: { settings, _, _ in settings.apiServerDNSNames.append("api.alpha.example.com") }, reissued: [names.apiServer]),
        RenewalCase(
            description: "the same SANs in another order",
            change: { settings, _, _ in settings.apiServerIPAddresses.reverse() }, reissued: []),
        RenewalCase(
            description: "a new etcd member name",
            change: { settings, _, _ in settings.etcdDNSNames.append("alpha-etcd-1.alpha-etcd.tenants.svc") },
            reissued: [names.etcdServer, names.etcdPeer]),
        RenewalCase(
            description: "a new konnectivity address",
            change: { settings, _, _ in settings.konnectivityIPAddresses.append("198.51.100.4") }, reissued: [names.konnectivityServer]),
        RenewalCase(
            description: "the control-plane endpoint moves",
            change: { settings, _, _ in settings.controlPlaneEndpoint = "https://198.51.100.1:31443" }, reissued: [names.adminKubeconfig]),
        RenewalCase(
            description: "the in-pod API server port changes",
            change: { settings, _, _ in settings.localAPIServerPort = 7443 },
            reissued: [names.controllerManagerKubeconfig, names.schedulerKubeconfig, names.konnectivityKubeconfig]),
        RenewalCase(
            description: "leaves enter their renewal window",
            change: { _, _, now in now += (365 - 121) * 86_400 }, reissued: allLeaves),
        RenewalCase(
            description: "a shorter renewBefore keeps leaves issued long ago",
            change: { settings, _, now in
                settings.renewBefore = .seconds(30 * 86_400)
                now += (365 - 121) * 86_400
            },
            reissued: [names.adminKubeconfig]),
        RenewalCase(
            description: "the key algorithm changes",
            change: { settings, _, _ in settings.keyAlgorithm = .rsa2048 }, reissued: allLeaves),
        RenewalCase(
            description: "a leaf Secret was deleted",
            change: { _, existing, _ in existing[names.frontProxyClient] = nil }, reissued: [names.frontProxyClient]),
        RenewalCase(
            description: "a leaf Secret holds another certificate's key",
            change: { _, existing, _ in
                let serverKey = existing[names.etcdServer]?[PKISecretKey.privateKey]
                existing[names.etcdPeer]?[PKISecretKey.privateKey] = serverKey
            },
            reissued: [names.etcdPeer]),
        RenewalCase(
            description: "a leaf Secret holds garbage",
            change: { _, existing, _ in existing[names.apiServerEtcdClient]?[PKISecretKey.certificate] = Data("not a certificate".utf8) },
            reissued: [names.apiServerEtcdClient]),
        RenewalCase(
            description: "a kubeconfig was edited",
            change: { _, existing, _ in
                existing[names.schedulerKubeconfig]?[PKISecretKey.kubeconfig]?.append(contentsOf: Data("# edited\n".utf8))
            },
            reissued: [names.schedulerKubeconfig]),
        RenewalCase(
            description: "the user replaced the cluster CA",
            change: { _, existing, now in existing[names.clusterCA] = try PKICertificateFactory.authority(commonName: "replacement", now: now) },
            reissued: clusterSigned),
        RenewalCase(
            description: "the user replaced the etcd CA",
            change: { _, existing, now in existing[names.etcdCA] = try PKICertificateFactory.authority(commonName: "etcd-2", now: now) },
            reissued: [names.etcdServer, names.etcdPeer, names.apiServerEtcdClient]),
    ]
}

@Suite("PKI reuse and renewal")
struct ClusterPKIRenewalTests {
    static let initial = Result { try ClusterPKI.reconcile(settings: PKIFixture.settings(), existing: [:], now: PKIFixture.now) }

    @Test("re-reconciling re-issues exactly what a change requires", arguments: RenewalCase.all)
    func renewal(_ testCase: RenewalCase) throws {
        let first = try Self.initial.get()
        var settings = PKIFixture.settings()
        var existing = first.secrets
        var now = PKIFixture.now
        try testCase.change(&settings, &existing, &now)

        let second = try ClusterPKI.reconcile(settings: settings, existing: existing, now: now)

        #expect(second.changedSecrets == testCase.reissued)
        for name in PKIFixture.names.all where !testCase.reissued.contains(name) {
            #expect(second.secrets[name] == existing[name], "\(name) changed")
        }
        for name in testCase.reissued where PKIFixture.names.leafCertificates.contains(name) {
            #expect(
                second.secrets[name]?[PKISecretKey.privateKey] != first.secrets[name]?[PKISecretKey.privateKey],
                "\(name) was re-issued with its old key")
        }
        #expect(second.nextRenewal > now)
        let third = try ClusterPKI.reconcile(settings: settings, existing: second.secrets, now: now)
        #expect(third.changedSecrets.isEmpty, "a third reconcile changed \(third.changedSecrets)")
    }

    @Test("re-issued leaves chain to the CA that replaced the old one")
    func reissuedLeavesChainToNewCA() async throws {
        var existing = try Self.initial.get().secrets
        existing[PKIFixture.names.clusterCA] = try PKICertificateFactory.authority(commonName: "replacement", now: PKIFixture.now)
        let pki = try ClusterPKI.reconcile(settings: PKIFixture.settings(), existing: existing, now: PKIFixture.now)
        let ca = try PKIFixture.certificate(pki, PKIFixture.names.clusterCA)
        #expect(ca.subject.commonName == "replacement")
        let leaf = try PKIFixture.certificate(pki, PKIFixture.names.apiServer)
        var verifier = Verifier(rootCertificates: CertificateStore([ca])) { RFC5280Policy(validationTime: PKIFixture.now) }
        guard case .validCertificate = await verifier.validate(leaf: leaf, intermediates: CertificateStore()) else {
            Issue.record("the re-issued API server certificate does not chain to the new CA")
            return
        }
        #expect(pki.secrets[PKIFixture.names.apiServer]?[PKISecretKey.caCertificate] == existing[PKIFixture.names.clusterCA]?[PKISecretKey.certificate])
    }

    @Test("nextRenewal is the moment the first certificate becomes due, and not a second earlier")
    func nextRenewal() throws {
        let first = try Self.initial.get()
        let kubeconfig = try #require(first.secrets[PKIFixture.names.adminKubeconfig]?[PKISecretKey.kubeconfig])
        let caPEM = try #require(first.secrets[PKIFixture.names.clusterCA]?[PKISecretKey.certificate])
        let profile = try #require(PKIFixture.settings().kubeconfigProfiles(names: PKIFixture.names).first)
        let admin = try #require(profile.embeddedClient(in: kubeconfig, caCertificatePEM: caPEM))
        #expect(first.nextRenewal > PKIFixture.now.addingTimeInterval(15 * 3600))
        #expect(first.nextRenewal < admin.certificate.notValidAfter.addingTimeInterval(-7 * 3600))

        let before = try ClusterPKI.reconcile(
            settings: PKIFixture.settings(), existing: first.secrets, now: first.nextRenewal.addingTimeInterval(-1))
        #expect(before.changedSecrets.isEmpty)
        #expect(before.nextRenewal == first.nextRenewal)
        let at = try ClusterPKI.reconcile(settings: PKIFixture.settings(), existing: first.secrets, now: first.nextRenewal)
        #expect(at.changedSecrets == [PKIFixture.names.adminKubeconfig])
        #expect(at.nextRenewal > first.nextRenewal)
    }

    @Test("a leaf issued near the CA's expiry ends with the CA and is renewed within its shortened life")
    func leafCappedByCA() throws {
        var settings = PKIFixture.settings()
        settings.caValidity = .seconds(100 * 86_400)
        let pki = try ClusterPKI.reconcile(settings: settings, existing: [:], now: PKIFixture.now)
        let ca = try PKIFixture.certificate(pki, PKIFixture.names.clusterCA)
        let leaf = try PKIFixture.certificate(pki, PKIFixture.names.apiServer)
        #expect(leaf.notValidAfter == ca.notValidAfter)
        #expect(pki.nextRenewal > PKIFixture.now)
    }

    @Test("renewal reasons name what makes a stored certificate unusable")
    func renewalReasons() throws {
        let pki = try Self.initial.get()
        let settings = PKIFixture.settings()
        let authorities = try CertificateAuthorities(settings: settings, names: PKIFixture.names, existing: pki.secrets, now: PKIFixture.now)
        let profiles = try settings.leafProfiles(names: PKIFixture.names)
        let apiServer = try #require(profiles.first { $0.secretName == PKIFixture.names.apiServer })
        let stored = LeafCertificate(
            certificatePEM: pki.secrets[apiServer.secretName]?[PKISecretKey.certificate],
            keyPEM: pki.secrets[apiServer.secretName]?[PKISecretKey.privateKey])
        func reason(
            _ leaf: LeafCertificate?, profile: CertificateProfile? = nil, issuer: CertificateIssuer = .cluster,
            algorithm: CertificateKeyAlgorithm = .ecdsaP256, now: Date = PKIFixture.now
        ) -> RenewalReason? {
            (profile ?? apiServer).renewalReason(
                for: leaf, authority: authorities[issuer], algorithm: algorithm, renewBefore: settings.renewBefore, now: now)
        }
        var renamed = apiServer
        renamed.commonName = "apiserver"
        var otherNames = apiServer
        otherNames.dnsNames.removeLast()
        var otherUsages = apiServer
        otherUsages.extendedKeyUsages = [.serverAuth, .clientAuth]
        var foreignKey = stored
        foreignKey?.key = try KeyPair.generate(.ecdsaP256)

        #expect(reason(stored) == nil)
        #expect(reason(nil) == .missing)
        #expect(reason(foreignKey) == .keyMismatch)
        #expect(reason(stored, issuer: .etcd) == .issuerChanged)
        #expect(reason(stored, profile: renamed) == .subjectChanged)
        #expect(reason(stored, profile: otherUsages) == .usagesChanged)
        #expect(reason(stored, profile: otherNames) == .namesChanged)
        #expect(reason(stored, algorithm: .rsa2048) == .keyAlgorithmChanged)
        #expect(reason(stored, now: PKIFixture.now.addingTimeInterval(250 * 86_400)) == .dueForRenewal)
    }
}
