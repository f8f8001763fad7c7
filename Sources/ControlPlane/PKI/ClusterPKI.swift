import Foundation
import X509

/// The complete PKI of one hosted cluster as Secret payloads keyed by Secret name (see
/// `PKISecretNames` for the names and `PKISecretKey` for the data keys).
///
/// CA Secrets and `c-sa` hold `tls.crt` and `tls.key`; leaf Secrets hold `tls.crt`, `tls.key` and
/// the issuing CA's `ca.crt`; kubeconfig Secrets hold `value`. Whether a kubeconfig Secret has
/// type `cluster.x-k8s.io/secret` is the controller's concern.
public struct ClusterPKI: Sendable {
    /// Secret name → data, for every name in `PKISecretNames.all`.
    public var secrets: [String: [String: Data]]
    /// The earliest time a leaf certificate in `secrets` (kubeconfig client certificates included)
    /// is due for renewal: its `notAfter` less its renewal window. Always after the `now` given to
    /// `reconcile`. CAs do not count: they are never renewed automatically.
    public var nextRenewal: Date
    /// The Secrets whose data this reconcile created or changed; the others are byte for byte what
    /// `existing` held.
    public var changedSecrets: Set<String>

    /// Reuses every key and certificate in `existing` that is still valid for `settings` (same
    /// subject, usages and SANs, signed by the current CA, same key algorithm, not within the
    /// renewal window of expiry) and issues what is missing or due, with fresh keys.
    ///
    /// A `c-ca`, `c-proxy` or `c-etcd` in `existing` is used as is — generated earlier or brought
    /// by the user, as CAPI allows — and never replaced: one that is incomplete, unreadable, not a
    /// CA, expired, or whose key does not match its certificate is an error naming the Secret
    /// (never its content). The same holds for the service-account key in `c-sa`.
    public static func reconcile(settings: ClusterPKISettings, existing: [String: [String: Data]], now: Date) throws -> ClusterPKI {
        let names = PKISecretNames(clusterName: settings.clusterName)
        try settings.validate()
        var secrets: [String: [String: Data]] = [:]

        let authorities = try CertificateAuthorities(settings: settings, names: names, existing: existing, now: now)
        for issuer in CertificateIssuer.allCases {
            secrets[authorities[issuer].secretName] = authorities[issuer].data
        }

        secrets[names.serviceAccount] = try ServiceAccountKeyPair.reconcile(
            secretName: names.serviceAccount, existing: existing[names.serviceAccount], algorithm: settings.keyAlgorithm)

        var renewals: [Date] = []
        func current(_ profile: CertificateProfile, stored: LeafCertificate?) throws -> (leaf: LeafCertificate, kept: Bool) {
            let issuer = authorities[profile.issuer]
            let reason = profile.renewalReason(
                for: stored, authority: issuer, algorithm: settings.keyAlgorithm, renewBefore: settings.renewBefore, now: now)
            let leaf: LeafCertificate
            if let stored, reason == nil {
                leaf = stored
            } else {
                do {
                    leaf = try LeafCertificate(issuing: profile, by: issuer, algorithm: settings.keyAlgorithm, now: now)
                } catch {
                    throw PKIError.issuanceFailed(secret: profile.secretName, reason: "\(error)")
                }
            }
            renewals.append(leaf.renewalTime(renewBefore: settings.renewBefore))
            return (leaf, reason == nil)
        }

        for profile in try settings.leafProfiles(names: names) {
            let stored = existing[profile.secretName].flatMap {
                LeafCertificate(certificatePEM: $0[PKISecretKey.certificate], keyPEM: $0[PKISecretKey.privateKey])
            }
            let (leaf, kept) = try current(profile, stored: stored)
            var data = kept ? existing[profile.secretName] ?? [:] : [:]
            data[PKISecretKey.certificate] = leaf.certificatePEM.secretData
            data[PKISecretKey.privateKey] = leaf.key.pem.secretData
            data[PKISecretKey.caCertificate] = authorities[profile.issuer].certificatePEM
            secrets[profile.secretName] = data
        }

        for profile in settings.kubeconfigProfiles(names: names) {
            let caPEM = authorities[profile.client.issuer].certificatePEM
            let stored = existing[profile.client.secretName]?[PKISecretKey.kubeconfig].flatMap {
                profile.embeddedClient(in: $0, caCertificatePEM: caPEM)
            }
            let (leaf, kept) = try current(profile.client, stored: stored)
            secrets[profile.client.secretName] = kept
                ? existing[profile.client.secretName]
                : [PKISecretKey.kubeconfig: profile.render(caCertificatePEM: caPEM, certificatePEM: leaf.certificatePEM, keyPEM: leaf.key.pem).secretData]
        }

        return ClusterPKI(
            secrets: secrets,
            nextRenewal: renewals.min() ?? now,
            changedSecrets: Set(secrets.keys.filter { existing[$0] != secrets[$0] }))
    }
}

extension ClusterPKISettings {
    /// Rejects settings no certificate or kubeconfig can carry.
    func validate() throws(PKIError) {
        guard let url = URL(string: controlPlaneEndpoint), url.scheme == "https", let host = url.host, !host.isEmpty else {
            throw .invalidSettings("controlPlaneEndpoint \"\(controlPlaneEndpoint)\" is not an https://host:port URL")
        }
        guard (1...65_535).contains(localAPIServerPort) else {
            throw .invalidSettings("localAPIServerPort \(localAPIServerPort) is not a TCP port")
        }
        for (field, validity) in [
            ("caValidity", caValidity), ("certificateValidity", certificateValidity),
            ("clientCertificateValidity", clientCertificateValidity),
        ] where validity <= .zero {
            throw .invalidSettings("\(field) must be positive")
        }
    }
}
