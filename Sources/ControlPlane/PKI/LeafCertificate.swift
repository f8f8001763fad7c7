import Foundation
import X509

/// A leaf certificate with its key, as found in a Secret (or a kubeconfig) or freshly issued.
struct LeafCertificate: Sendable {
    var certificate: Certificate
    var key: KeyPair
    /// The certificate PEM exactly as stored, so a kept certificate is written back unchanged.
    var certificatePEM: String

    /// Reads a stored certificate and key; nil when either is missing or does not parse.
    init?(certificatePEM: Data?, keyPEM: Data?) {
        guard let certificatePEM, let keyPEM,
            let certificate = firstCertificate(inPEM: certificatePEM),
            let keyText = String(data: keyPEM, encoding: .utf8), let key = try? KeyPair(pem: keyText),
            let certificateText = String(data: certificatePEM, encoding: .utf8)
        else { return nil }
        self.certificate = certificate
        self.key = key
        self.certificatePEM = certificateText
    }

    /// Issues a certificate for `profile` with a fresh key of `algorithm`.
    init(issuing profile: CertificateProfile, by authority: CertificateAuthority, algorithm: CertificateKeyAlgorithm, now: Date) throws {
        let key = try KeyPair.generate(algorithm)
        let certificate = try profile.issue(publicKey: key.publicKey, by: authority, now: now)
        self.certificate = certificate
        self.key = key
        self.certificatePEM = try certificate.serializeAsPEM().pemString
    }

    /// When the certificate is due for renewal: `renewBefore` before `notAfter`, the window capped
    /// at a third of the certificate's lifetime.
    func renewalTime(renewBefore: Duration) -> Date {
        let lifetime = certificate.notValidAfter.timeIntervalSince(certificate.notValidBefore)
        let window = min(renewBefore.timeInterval, lifetime / 3)
        return certificate.notValidAfter.addingTimeInterval(-window)
    }
}

/// Why a stored leaf certificate cannot be kept and is issued anew.
enum RenewalReason: String, Sendable, Hashable {
    case missing = "missing or unreadable"
    case keyMismatch = "key does not match the certificate"
    case issuerChanged = "not signed by the current CA"
    case subjectChanged = "subject changed"
    case usagesChanged = "extended key usages changed"
    case namesChanged = "subject alternative names changed"
    case keyAlgorithmChanged = "key algorithm changed"
    case dueForRenewal = "within the renewal window of its expiry"
}

extension CertificateProfile {
    /// Why `stored` cannot be kept for this profile, or nil when it can: it must exist and parse,
    /// its key must match, it must be signed by `authority`, say exactly the profile's subject,
    /// usages and names, use `algorithm`, and not be due for renewal at `now`.
    func renewalReason(
        for stored: LeafCertificate?, authority: CertificateAuthority, algorithm: CertificateKeyAlgorithm,
        renewBefore: Duration, now: Date
    ) -> RenewalReason? {
        guard let stored else { return .missing }
        let certificate = stored.certificate
        guard stored.key.publicKey == certificate.publicKey else { return .keyMismatch }
        guard authority.signed(certificate) else { return .issuerChanged }
        guard let subject = try? subject(), certificate.subject == subject else { return .subjectChanged }
        let usages = (try? certificate.extensions.extendedKeyUsage).map { Set($0) } ?? []
        guard usages == Set(extendedKeyUsages) else { return .usagesChanged }
        let names = (try? certificate.extensions.subjectAlternativeNames).map { Set($0) } ?? []
        guard names == Set(subjectAlternativeNames) else { return .namesChanged }
        guard certificate.publicKey.keyAlgorithm == algorithm else { return .keyAlgorithmChanged }
        guard now < stored.renewalTime(renewBefore: renewBefore) else {
            return .dueForRenewal
        }
        return nil
    }
}
