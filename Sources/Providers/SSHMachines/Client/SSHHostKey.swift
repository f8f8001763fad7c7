import Crypto
import Foundation
import NIOSSH

/// A server's public host key as pinned by the user: an OpenSSH public key line
/// (`ssh-ed25519 AAAA… comment`, as in `known_hosts` or `/etc/ssh/ssh_host_*_key.pub`) or its
/// SHA-256 fingerprint as `ssh-keygen -l` prints it (`SHA256:…`).
public enum SSHHostKey: Sendable, Hashable, CustomStringConvertible {
    case publicKey(NIOSSHPublicKey)
    case fingerprint(String)

    /// Parses a pinned key; a `known_hosts` line's leading host pattern is skipped.
    public init(_ text: String) throws(SSHError) {
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        if trimmed.hasPrefix("SHA256:") {
            guard trimmed.count > 7, !trimmed.contains(" ") else { throw .invalidHostKey(reason: "fingerprint \(trimmed) is malformed") }
            self = .fingerprint(trimmed)
            return
        }
        var fields = trimmed.split(separator: " ", omittingEmptySubsequences: true)
        if let first = fields.first, !first.hasPrefix("ssh-"), !first.hasPrefix("ecdsa-") { fields.removeFirst() }
        guard fields.count >= 2 else { throw .invalidHostKey(reason: "expected \"<type> <base64>\" or \"SHA256:<fingerprint>\"") }
        do {
            self = .publicKey(try NIOSSHPublicKey(openSSHPublicKey: "\(fields[0]) \(fields[1])"))
        } catch {
            throw .invalidHostKey(reason: "\(fields[0]) key does not parse")
        }
    }

    /// The `SHA256:…` fingerprint (unpadded base64), as `ssh-keygen -l -E sha256` prints it.
    public var fingerprint: String {
        switch self {
        case .fingerprint(let value): return value
        case .publicKey(let key): return Self.fingerprint(of: key)
        }
    }

    /// Whether `presented` is this key.
    func matches(_ presented: NIOSSHPublicKey) -> Bool {
        switch self {
        case .publicKey(let key): return key == presented
        case .fingerprint(let value): return value == Self.fingerprint(of: presented)
        }
    }

    public var description: String { fingerprint }

    static func fingerprint(of key: NIOSSHPublicKey) -> String {
        let line = String(openSSHPublicKey: key).split(separator: " ")
        let blob = line.count > 1 ? Data(base64Encoded: String(line[1])) ?? Data() : Data()
        let digest = Data(SHA256.hash(data: blob)).base64EncodedString()
        return "SHA256:" + digest.replacingOccurrences(of: "=", with: "")
    }
}

/// Which server host keys a connection accepts.
public enum SSHHostKeyPolicy: Sendable, Hashable {
    /// Only these keys (any of them, e.g. during a key rotation).
    case pinned([SSHHostKey])
    /// Any key: the connection cannot tell the server from an impostor. Only when the user
    /// explicitly asked to skip verification.
    case acceptAnyInsecurely
}
