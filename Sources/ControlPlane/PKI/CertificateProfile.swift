import Foundation
import SwiftASN1
import X509

/// Which CA signs a leaf certificate.
enum CertificateIssuer: Sendable, Hashable, CaseIterable {
    case cluster, frontProxy, etcd
}

/// What one leaf certificate must say: who it names, what it may be used for, where it is valid,
/// who signs it and for how long. Existing certificates are compared against their profile to
/// decide whether they can be kept.
struct CertificateProfile: Sendable, Hashable {
    /// The Secret that holds the certificate (or the kubeconfig that embeds it).
    var secretName: String
    var issuer: CertificateIssuer
    var commonName: String
    var organizations: [String] = []
    var extendedKeyUsages: [ExtendedKeyUsage.Usage]
    var dnsNames: [String] = []
    var ipAddresses: [IPAddress] = []
    var validity: Duration

    /// Subject as Go's crypto/x509 writes it for kubeadm: O before CN.
    func subject() throws -> DistinguishedName {
        try DistinguishedName {
            for organization in organizations { OrganizationName(organization) }
            CommonName(commonName)
        }
    }

    /// The subject alternative names, DNS names first, in a stable order without duplicates.
    var subjectAlternativeNames: [GeneralName] {
        var seenDNS = Set<String>()
        var seenIP = Set<IPAddress>()
        return dnsNames.filter { seenDNS.insert($0).inserted }.map { GeneralName.dnsName($0) }
            + ipAddresses.filter { seenIP.insert($0).inserted }.map { GeneralName.ipAddress(ASN1OctetString(contentBytes: ArraySlice($0.bytes))) }
    }

    /// Signs a certificate for `publicKey` with `authority`, valid from a little before `now`
    /// (clock skew) for `validity`, never past the CA's own `notAfter`.
    func issue(publicKey: Certificate.PublicKey, by authority: CertificateAuthority, now: Date) throws -> Certificate {
        let notAfter = min(now.addingTimeInterval(validity.timeInterval), authority.certificate.notValidAfter)
        let names = subjectAlternativeNames
        let extensions = try Certificate.Extensions {
            Critical(BasicConstraints.notCertificateAuthority)
            Critical(KeyUsage(digitalSignature: true, keyEncipherment: publicKey.isRSA))
            try ExtendedKeyUsage(extendedKeyUsages)
            AuthorityKeyIdentifier(keyIdentifier: authority.subjectKeyIdentifier)
            if !names.isEmpty {
                SubjectAlternativeNames(names)
            }
        }
        return try Certificate(
            version: .v3,
            serialNumber: Certificate.SerialNumber(),
            publicKey: publicKey,
            notValidBefore: now.addingTimeInterval(-PKITiming.backdate),
            notValidAfter: notAfter,
            issuer: authority.certificate.subject,
            subject: try subject(),
            extensions: extensions,
            issuerPrivateKey: authority.key.privateKey)
    }
}

/// Time constants shared by issuance and renewal.
enum PKITiming {
    /// How far `notBefore` lies before the issuing time, so clients with a slightly slow clock
    /// accept a fresh certificate: 5 minutes.
    static let backdate: TimeInterval = 300
}

extension Duration {
    /// The duration in seconds, as `Date` arithmetic wants it.
    var timeInterval: TimeInterval {
        let parts = components
        return TimeInterval(parts.seconds) + TimeInterval(parts.attoseconds) / 1e18
    }
}
