import Foundation
import X509

/// The key pair the API server signs service-account tokens with (`sa.key`) and verifies them by
/// (`sa.pub`): `tls.key` is the private key PEM, `tls.crt` the public key PEM, as CAPI stores it.
enum ServiceAccountKeyPair {
    /// The stored key pair kept as is, with `tls.crt` derived when only `tls.key` is present; a new
    /// key pair of `algorithm` when there is no Secret. A stored key that is unreadable or does not
    /// match its public key is an error: replacing it would invalidate every token.
    static func reconcile(secretName: String, existing: [String: Data]?, algorithm: CertificateKeyAlgorithm) throws -> [String: Data] {
        guard let existing else {
            let key = try KeyPair.generate(algorithm)
            return [PKISecretKey.certificate: try key.publicKeyPEM().secretData, PKISecretKey.privateKey: key.pem.secretData]
        }
        guard let keyData = existing[PKISecretKey.privateKey], let keyText = String(data: keyData, encoding: .utf8),
            let key = try? KeyPair(pem: keyText)
        else {
            throw PKIError.serviceAccountKeyUnreadable(secret: secretName)
        }
        guard let publicData = existing[PKISecretKey.certificate] else {
            var data = existing
            data[PKISecretKey.certificate] = try key.publicKeyPEM().secretData
            return data
        }
        guard let publicText = String(data: publicData, encoding: .utf8),
            let publicKey = try? Certificate.PublicKey(pemEncoded: publicText), publicKey == key.publicKey
        else {
            throw PKIError.serviceAccountKeyMismatch(secret: secretName)
        }
        return existing
    }
}
