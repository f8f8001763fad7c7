import Crypto
import Foundation
import SwiftASN1
import X509
import _CryptoExtras

/// A private key with its PEM encoding, as stored in a Secret's `tls.key`.
struct KeyPair: Sendable {
    var privateKey: Certificate.PrivateKey
    var pem: String

    /// A fresh key of `algorithm`.
    static func generate(_ algorithm: CertificateKeyAlgorithm) throws -> KeyPair {
        switch algorithm {
        case .ecdsaP256:
            let key = P256.Signing.PrivateKey()
            return KeyPair(privateKey: Certificate.PrivateKey(key), pem: key.pemRepresentation)
        case .rsa2048:
            let key = try _RSA.Signing.PrivateKey(keySize: .bits2048)
            return KeyPair(privateKey: Certificate.PrivateKey(key), pem: key.pemRepresentation)
        }
    }

    /// Reads a PEM key: PKCS#8, SEC1 EC or PKCS#1 RSA.
    init(pem: String) throws {
        self.privateKey = try Certificate.PrivateKey(pemEncoded: pem)
        self.pem = pem
    }

    private init(privateKey: Certificate.PrivateKey, pem: String) {
        self.privateKey = privateKey
        self.pem = pem
    }

    var publicKey: Certificate.PublicKey { privateKey.publicKey }

    /// The public key as a PEM `PUBLIC KEY` (SubjectPublicKeyInfo) block, as `sa.pub`.
    func publicKeyPEM() throws -> String {
        try publicKey.serializeAsPEM().pemString
    }
}

extension Certificate.PublicKey {
    /// Which of our algorithms this key is, or nil for any other key type or size.
    var keyAlgorithm: CertificateKeyAlgorithm? {
        if P256.Signing.PublicKey(self) != nil { return .ecdsaP256 }
        if let rsa = _RSA.Signing.PublicKey(self), rsa.keySizeInBits == 2048 { return .rsa2048 }
        return nil
    }

    /// Whether this is an RSA key; RSA leaf certificates also carry keyEncipherment, as kubeadm's.
    var isRSA: Bool { _RSA.Signing.PublicKey(self) != nil }
}

extension String {
    /// The UTF-8 bytes, as a Secret's data value.
    var secretData: Data { Data(utf8) }
}
