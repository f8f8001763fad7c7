/// The key type of every key the PKI generates: CA keys, leaf keys and the service-account key.
/// A bring-your-own CA keeps whatever key type it has; certificates it signs use the matching
/// signature algorithm.
public enum CertificateKeyAlgorithm: String, Codable, Sendable, CaseIterable {
    /// ECDSA over NIST P-256 with SHA-256 signatures; the default, as in kubeadm's `ECDSA-P256`.
    case ecdsaP256 = "ECDSA-P256"
    /// RSA with a 2048-bit modulus and PKCS#1 v1.5 SHA-256 signatures, for clients that need RSA.
    case rsa2048 = "RSA-2048"
}
