import Crypto
import SwiftASN1
import X509

/// The cluster CA certificate as the join material needs it: the PEM whole (k0s) and the SHA-256
/// of its DER SubjectPublicKeyInfo (kubeadm's `caCertHashes`).
struct CACertificate: Sendable, Hashable {
    var pem: String
    /// `sha256:<hex>`, as `kubeadm join --discovery-token-ca-cert-hash` and `caCertHashes` take it.
    var publicKeyPin: String

    init(pem: String) throws(UserDataError) {
        do {
            let certificate = try Certificate(pemEncoded: pem)
            var serializer = DER.Serializer()
            try serializer.serialize(certificate.publicKey)
            let digest = SHA256.hash(data: serializer.serializedBytes)
            self.pem = pem
            self.publicKeyPin = "sha256:" + digest.map { ($0 < 16 ? "0" : "") + String($0, radix: 16) }.joined()
        } catch {
            throw .invalidCACertificate
        }
    }
}
