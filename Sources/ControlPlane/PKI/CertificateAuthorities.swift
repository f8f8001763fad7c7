import Foundation

/// The three CAs of a hosted cluster, each loaded from its Secret or generated when the Secret
/// does not exist.
struct CertificateAuthorities: Sendable {
    var cluster: CertificateAuthority
    var frontProxy: CertificateAuthority
    var etcd: CertificateAuthority

    /// Loads or generates each CA; CN `kubernetes`, `front-proxy-ca` and `etcd-ca` as kubeadm's.
    init(settings: ClusterPKISettings, names: PKISecretNames, existing: [String: [String: Data]], now: Date) throws {
        func authority(_ secretName: String, commonName: String) throws -> CertificateAuthority {
            if let data = existing[secretName] {
                return try CertificateAuthority.load(secretName: secretName, data: data, now: now)
            }
            do {
                return try CertificateAuthority.generate(
                    secretName: secretName, commonName: commonName, algorithm: settings.keyAlgorithm,
                    validity: settings.caValidity, now: now)
            } catch {
                throw PKIError.issuanceFailed(secret: secretName, reason: "\(error)")
            }
        }
        cluster = try authority(names.clusterCA, commonName: "kubernetes")
        frontProxy = try authority(names.frontProxyCA, commonName: "front-proxy-ca")
        etcd = try authority(names.etcdCA, commonName: "etcd-ca")
    }

    subscript(issuer: CertificateIssuer) -> CertificateAuthority {
        switch issuer {
        case .cluster: cluster
        case .frontProxy: frontProxy
        case .etcd: etcd
        }
    }
}
