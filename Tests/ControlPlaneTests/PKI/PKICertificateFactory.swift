import Crypto
import Foundation
import X509
import _CryptoExtras

/// Certificates made independently of the code under test, as a user would bring them.
enum PKICertificateFactory {
    /// A CA Secret's data (`tls.crt`, `tls.key`) for a self-signed RSA CA valid around `now`.
    static func authority(commonName: String, now: Date, validFor: TimeInterval = 365 * 86_400) throws -> [String: Data] {
        let key = try _RSA.Signing.PrivateKey(keySize: .bits2048)
        let certificate = try selfSigned(commonName: commonName, key: Certificate.PrivateKey(key), isCA: true, now: now, validFor: validFor)
        return [
            "tls.crt": Data(try certificate.serializeAsPEM().pemString.utf8),
            "tls.key": Data(key.pemRepresentation.utf8),
        ]
    }

    /// A self-signed certificate (a CA when `isCA`).
    static func selfSigned(
        commonName: String, key: Certificate.PrivateKey, isCA: Bool, now: Date, validFor: TimeInterval
    ) throws -> Certificate {
        let subject = try DistinguishedName { OrganizationName("Example Corp"); CommonName(commonName) }
        return try Certificate(
            version: .v3, serialNumber: Certificate.SerialNumber(), publicKey: key.publicKey,
            notValidBefore: now.addingTimeInterval(-3600), notValidAfter: now.addingTimeInterval(validFor),
            issuer: subject, subject: subject,
            extensions: try Certificate.Extensions {
                Critical(isCA ? BasicConstraints.isCertificateAuthority(maxPathLength: 1) : .notCertificateAuthority)
                Critical(isCA ? KeyUsage(keyCertSign: true, cRLSign: true) : KeyUsage(digitalSignature: true))
            },
            issuerPrivateKey: key)
    }
}
