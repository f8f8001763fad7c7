import Crypto
import Foundation
import KubeKit
import X509

extension EnvtestServer {
    /// A client certificate and key (PEM) for `user` in `groups`, signed by the server's CA, so
    /// tests can act as users with exactly the rights RBAC gives them.
    public func issueClientCertificate(user: String, groups: [String] = [], validFor: Duration = .seconds(3600)) throws -> (certificatePEM: String, keyPEM: String) {
        let caCertificate = try Certificate(pemEncoded: try String(contentsOfFile: caCertificatePath, encoding: .utf8))
        let caKey = try P256.Signing.PrivateKey(pemRepresentation: try String(contentsOfFile: caKeyPath, encoding: .utf8))
        let key = P256.Signing.PrivateKey()
        let now = Date()
        let subject = try DistinguishedName {
            for group in groups { OrganizationName(group) }
            CommonName(user)
        }
        let certificate = try Certificate(
            version: .v3,
            serialNumber: Certificate.SerialNumber(),
            publicKey: Certificate.PublicKey(key.publicKey),
            notValidBefore: now.addingTimeInterval(-60),
            notValidAfter: now.addingTimeInterval(Double(validFor.components.seconds)),
            issuer: caCertificate.subject,
            subject: subject,
            signatureAlgorithm: .ecdsaWithSHA256,
            extensions: try Certificate.Extensions {
                Critical(KeyUsage(digitalSignature: true, keyEncipherment: true))
                try ExtendedKeyUsage([.clientAuth])
            },
            issuerPrivateKey: Certificate.PrivateKey(caKey))
        return (try certificate.serializeAsPEM().pemString, key.pemRepresentation)
    }

    /// A client authenticating as `user` in `groups` with a freshly issued certificate.
    public func client(user: String, groups: [String] = []) throws -> KubeClient {
        let issued = try issueClientCertificate(user: user, groups: groups)
        var configuration = try adminConfiguration()
        configuration.clientIdentity = Sensitive(
            try ClientIdentity(certificatePEM: Array(issued.certificatePEM.utf8), keyPEM: Array(issued.keyPEM.utf8)))
        return KubeClient(configuration: configuration)
    }
}
