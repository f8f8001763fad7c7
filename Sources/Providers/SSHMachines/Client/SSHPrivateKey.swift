import Crypto
import Foundation
import NIOSSH

/// A user's private key for public-key authentication, read from the OpenSSH format
/// `ssh-keygen` writes (`-----BEGIN OPENSSH PRIVATE KEY-----`): ed25519 or ECDSA (nistp256,
/// nistp384, nistp521), unencrypted — a key kept in a Kubernetes Secret has no passphrase to
/// ask for.
public struct SSHPrivateKey: Sendable {
    /// The key as swift-nio-ssh uses it.
    public let key: NIOSSHPrivateKey
    /// `ssh-ed25519` or `ecdsa-sha2-nistp256` (…384, …521).
    public let algorithm: String

    /// Parses an OpenSSH private key file's text.
    public init(openSSHPrivateKey text: String) throws(SSHError) {
        let body = text.split(whereSeparator: \.isNewline).map { $0.trimmingCharacters(in: .whitespaces) }
        guard let begin = body.firstIndex(of: "-----BEGIN OPENSSH PRIVATE KEY-----"),
            let end = body.firstIndex(of: "-----END OPENSSH PRIVATE KEY-----"), begin < end
        else {
            throw .invalidPrivateKey(reason: "not an OpenSSH private key (no BEGIN/END OPENSSH PRIVATE KEY lines); convert PEM keys with ssh-keygen -p -f <file>")
        }
        guard let data = Data(base64Encoded: body[(begin + 1)..<end].joined()) else {
            throw .invalidPrivateKey(reason: "the key's body is not base64")
        }
        var reader = SSHWireReader(Array(data))
        let magic = Array("openssh-key-v1\0".utf8)
        guard (try? reader.bytes(magic.count)) == magic else { throw .invalidPrivateKey(reason: "missing the openssh-key-v1 header") }
        do {
            let cipher = try reader.string()
            guard cipher == "none" else {
                throw SSHError.invalidPrivateKey(reason: "the key is encrypted (cipher \(cipher)); store it without a passphrase")
            }
            _ = try reader.string()
            _ = try reader.data()
            guard try reader.uint32() == 1 else { throw SSHError.invalidPrivateKey(reason: "the file must hold exactly one key") }
            _ = try reader.data()
            var section = SSHWireReader(try reader.data())
            guard try section.uint32() == section.uint32() else { throw SSHError.invalidPrivateKey(reason: "check integers differ (corrupt key)") }
            let algorithm = try section.string()
            self.algorithm = algorithm
            self.key = try Self.key(algorithm: algorithm, reader: &section)
        } catch let error as SSHError {
            throw error
        } catch {
            throw .invalidPrivateKey(reason: "truncated or malformed key data")
        }
    }

    /// The matching public key, as an `authorized_keys` line without comment.
    public var publicKey: String { String(openSSHPublicKey: key.publicKey) }

    private static func key(algorithm: String, reader: inout SSHWireReader) throws -> NIOSSHPrivateKey {
        switch algorithm {
        case "ssh-ed25519":
            _ = try reader.data()
            let secret = try reader.data()
            guard secret.count == 64 else { throw SSHError.invalidPrivateKey(reason: "ed25519 secret has \(secret.count) bytes, not 64") }
            return NIOSSHPrivateKey(ed25519Key: try Curve25519.Signing.PrivateKey(rawRepresentation: secret.prefix(32)))
        case "ecdsa-sha2-nistp256", "ecdsa-sha2-nistp384", "ecdsa-sha2-nistp521":
            _ = try reader.string()
            _ = try reader.data()
            let scalar = Array(try reader.data().drop { $0 == 0 })
            switch algorithm {
            case "ecdsa-sha2-nistp256": return NIOSSHPrivateKey(p256Key: try P256.Signing.PrivateKey(rawRepresentation: padded(scalar, to: 32)))
            case "ecdsa-sha2-nistp384": return NIOSSHPrivateKey(p384Key: try P384.Signing.PrivateKey(rawRepresentation: padded(scalar, to: 48)))
            default: return NIOSSHPrivateKey(p521Key: try P521.Signing.PrivateKey(rawRepresentation: padded(scalar, to: 66)))
            }
        default:
            throw SSHError.invalidPrivateKey(reason: "key type \(algorithm) is not supported (use ed25519 or ECDSA)")
        }
    }

    private static func padded(_ bytes: [UInt8], to length: Int) throws -> [UInt8] {
        guard bytes.count <= length else { throw SSHError.invalidPrivateKey(reason: "ECDSA scalar too long") }
        return [UInt8](repeating: 0, count: length - bytes.count) + bytes
    }
}

/// Reads the SSH wire encoding (RFC 4251 §5): big-endian `uint32`, length-prefixed strings.
struct SSHWireReader {
    private let bytes: [UInt8]
    private var offset = 0

    struct Truncated: Error {}

    init(_ bytes: [UInt8]) { self.bytes = bytes }

    mutating func bytes(_ count: Int) throws -> [UInt8] {
        guard count >= 0, offset + count <= bytes.count else { throw Truncated() }
        defer { offset += count }
        return Array(bytes[offset..<(offset + count)])
    }

    mutating func uint32() throws -> UInt32 {
        try bytes(4).reduce(0) { $0 << 8 | UInt32($1) }
    }

    mutating func data() throws -> [UInt8] { try bytes(Int(try uint32())) }

    mutating func string() throws -> String { String(decoding: try data(), as: UTF8.self) }
}
