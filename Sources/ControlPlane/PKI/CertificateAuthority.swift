import Crypto
import Foundation
import SwiftASN1
import X509

/// A CA certificate with its private key, loaded from its Secret or freshly generated.
struct CertificateAuthority: Sendable {
    var secretName: String
    var certificate: Certificate
    var key: KeyPair
    /// The Secret data: as found for an existing CA (kept byte for byte), or the new CA's PEMs.
    var data: [String: Data]

    /// The PEM of the CA certificate, as leaf Secrets carry it in `ca.crt` and kubeconfigs embed it.
    var certificatePEM: Data { data[PKISecretKey.certificate] ?? Data() }

    /// The CA's subject key identifier: from its extension, else the SHA-1 of its public key.
    var subjectKeyIdentifier: ArraySlice<UInt8> {
        if let identifier = try? certificate.extensions.subjectKeyIdentifier {
            return identifier.keyIdentifier
        }
        return SubjectKeyIdentifier(hash: certificate.publicKey).keyIdentifier
    }

    /// Whether `certificate` was signed by this CA.
    func signed(_ leaf: Certificate) -> Bool {
        leaf.issuer == certificate.subject && certificate.publicKey.isValidSignature(leaf.signature, for: leaf)
    }

    /// A new self-signed CA named `commonName`, valid from a little before `now` for `validity`,
    /// with basicConstraints CA:TRUE, keyCertSign and cRLSign (plus digitalSignature) and a subject
    /// key identifier.
    static func generate(
        secretName: String, commonName: String, algorithm: CertificateKeyAlgorithm, validity: Duration, now: Date
    ) throws -> CertificateAuthority {
        let key = try KeyPair.generate(algorithm)
        let subject = try DistinguishedName { CommonName(commonName) }
        let certificate = try Certificate(
            version: .v3,
            serialNumber: Certificate.SerialNumber(),
            publicKey: key.publicKey,
            notValidBefore: now.addingTimeInterval(-PKITiming.backdate),
            notValidAfter: now.addingTimeInterval(validity.timeInterval),
            issuer: subject,
            subject: subject,
            extensions: try Certificate.Extensions {
                Critical(BasicConstraints.isCertificateAuthority(maxPathLength: nil))
                Critical(KeyUsage(digitalSignature: true, keyCertSign: true, cRLSign: true))
                SubjectKeyIdentifier(hash: key.publicKey)
            },
            issuerPrivateKey: key.privateKey)
        let data = [
            PKISecretKey.certificate: try certificate.serializeAsPEM().pemString.secretData,
            PKISecretKey.privateKey: key.pem.secretData,
        ]
        return CertificateAuthority(secretName: secretName, certificate: certificate, key: key, data: data)
    }

    /// The CA in an existing Secret, used as is (generated earlier, or brought by the user).
    /// Throws when it is incomplete, unreadable, not a CA, its key does not match, or it expired.
    static func load(secretName: String, data: [String: Data], now: Date) throws(PKIError) -> CertificateAuthority {
        guard let certificateData = data[PKISecretKey.certificate] else {
            throw .certificateAuthorityIncomplete(secret: secretName, missingKey: PKISecretKey.certificate)
        }
        guard let keyData = data[PKISecretKey.privateKey] else {
            throw .certificateAuthorityIncomplete(secret: secretName, missingKey: PKISecretKey.privateKey)
        }
        guard let certificate = firstCertificate(inPEM: certificateData) else {
            throw .certificateAuthorityUnreadable(secret: secretName, key: PKISecretKey.certificate)
        }
        guard let keyPEM = String(data: keyData, encoding: .utf8), let key = try? KeyPair(pem: keyPEM) else {
            throw .certificateAuthorityUnreadable(secret: secretName, key: PKISecretKey.privateKey)
        }
        guard key.publicKey == certificate.publicKey else {
            throw .certificateAuthorityKeyMismatch(secret: secretName)
        }
        guard isCertificateAuthority(certificate) else {
            throw .notACertificateAuthority(secret: secretName)
        }
        guard now < certificate.notValidAfter else {
            throw .certificateAuthorityExpired(secret: secretName, notAfter: certificate.notValidAfter)
        }
        return CertificateAuthority(secretName: secretName, certificate: certificate, key: key, data: data)
    }

    private static func isCertificateAuthority(_ certificate: Certificate) -> Bool {
        if case .isCertificateAuthority = try? certificate.extensions.basicConstraints { return true }
        return false
    }
}

/// The first certificate of a PEM bundle, or nil if there is none that parses.
func firstCertificate(inPEM data: Data) -> Certificate? {
    guard let text = String(data: data, encoding: .utf8),
        let document = try? PEMDocument.parseMultiple(pemString: text).first(where: { $0.discriminator == "CERTIFICATE" })
    else { return nil }
    return try? Certificate(pemDocument: document)
}
