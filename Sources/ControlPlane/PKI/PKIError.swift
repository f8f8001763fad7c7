import Foundation

/// Why a hosted cluster's PKI could not be reconciled. Every case names the Secret at fault and
/// what is wrong with it; none carries key or certificate material.
public enum PKIError: Error, Sendable, Equatable, CustomStringConvertible {
    /// A CA Secret lacks `tls.crt` or `tls.key`.
    case certificateAuthorityIncomplete(secret: String, missingKey: String)
    /// A CA Secret's `tls.crt` or `tls.key` is not a PEM certificate or key we can read.
    case certificateAuthorityUnreadable(secret: String, key: String)
    /// A CA Secret's private key does not belong to its certificate.
    case certificateAuthorityKeyMismatch(secret: String)
    /// A CA Secret's certificate is not a CA (no basicConstraints CA:TRUE).
    case notACertificateAuthority(secret: String)
    /// A CA Secret's certificate has expired. CAs are never replaced silently: every node trusts
    /// them, so a new one has to be rolled out on purpose.
    case certificateAuthorityExpired(secret: String, notAfter: Date)
    /// The service-account Secret's `tls.key` is not a PEM private key we can read. It is never
    /// replaced silently: every service-account token the cluster issued was signed with it.
    case serviceAccountKeyUnreadable(secret: String)
    /// The service-account Secret's `tls.crt` is not the public key of its `tls.key`.
    case serviceAccountKeyMismatch(secret: String)
    /// A setting cannot go into a certificate or kubeconfig (e.g. an IP address that does not parse).
    case invalidSettings(String)
    /// Building or signing a certificate failed.
    case issuanceFailed(secret: String, reason: String)

    /// What is wrong and with which Secret, fit for a condition message.
    public var description: String {
        switch self {
        case .certificateAuthorityIncomplete(let secret, let missingKey):
            return "CA Secret \(secret) has no \(missingKey)"
        case .certificateAuthorityUnreadable(let secret, let key):
            return "CA Secret \(secret): \(key) is not a PEM-encoded \(key == PKISecretKey.privateKey ? "private key" : "certificate") that can be read"
        case .certificateAuthorityKeyMismatch(let secret):
            return "CA Secret \(secret): \(PKISecretKey.privateKey) does not match the public key of \(PKISecretKey.certificate)"
        case .notACertificateAuthority(let secret):
            return "CA Secret \(secret): \(PKISecretKey.certificate) is not a CA certificate (basicConstraints CA:TRUE is missing)"
        case .certificateAuthorityExpired(let secret, let notAfter):
            return "CA Secret \(secret): the CA certificate expired at \(notAfter.ISO8601Format()); replace the CA deliberately, it is never regenerated automatically"
        case .serviceAccountKeyUnreadable(let secret):
            return "service-account Secret \(secret): \(PKISecretKey.privateKey) is not a PEM-encoded private key that can be read"
        case .serviceAccountKeyMismatch(let secret):
            return "service-account Secret \(secret): \(PKISecretKey.certificate) is not the public key of \(PKISecretKey.privateKey)"
        case .invalidSettings(let reason):
            return "invalid PKI settings: \(reason)"
        case .issuanceFailed(let secret, let reason):
            return "failed to issue the certificate for Secret \(secret): \(reason)"
        }
    }
}
