/// Why an SSH connection or command failed, naming the endpoint (`user@host:port`) and what the
/// server said. Never carries a key, a password or command input.
public enum SSHError: Error, Sendable, Hashable, CustomStringConvertible {
    /// Nothing listens on the endpoint (TCP connection refused).
    case connectionRefused(endpoint: String)
    /// The TCP connection or the SSH handshake did not complete within the timeout.
    case connectTimeout(endpoint: String, seconds: Int64)
    /// The endpoint's name or address cannot be used (e.g. it does not resolve).
    case unreachable(endpoint: String, detail: String)
    /// The server presented a host key that is not the pinned one: the connection was refused
    /// before authenticating. Both keys are given as SHA-256 fingerprints.
    case hostKeyMismatch(endpoint: String, expected: [String], presented: String)
    /// The server did not accept the user's key (or offers no public-key authentication).
    case authenticationFailed(endpoint: String, user: String)
    /// The private key cannot be used: not an unencrypted OpenSSH ed25519 or ECDSA key.
    case invalidPrivateKey(reason: String)
    /// A pinned host key cannot be parsed.
    case invalidHostKey(reason: String)
    /// The server refused to open a session or run the command.
    case channelRejected(endpoint: String, detail: String)
    /// A command did not finish within its timeout; it was abandoned and its channel closed.
    case commandTimeout(endpoint: String, seconds: Int64)
    /// The connection broke (reset, closed by the server, keepalives unanswered) before the
    /// command reported its exit status.
    case connectionLost(endpoint: String, detail: String)
    /// An SSH protocol error.
    case protocolError(endpoint: String, detail: String)

    public var description: String {
        switch self {
        case .connectionRefused(let endpoint):
            return "connection to \(endpoint) refused"
        case .connectTimeout(let endpoint, let seconds):
            return "connecting to \(endpoint) timed out after \(seconds) s"
        case .unreachable(let endpoint, let detail):
            return "cannot reach \(endpoint): \(detail)"
        case .hostKeyMismatch(let endpoint, let expected, let presented):
            return "host key of \(endpoint) is \(presented), not the pinned \(expected.joined(separator: " or ")); refusing to connect"
        case .authenticationFailed(let endpoint, let user):
            return "\(endpoint) did not accept the key of user \(user)"
        case .invalidPrivateKey(let reason):
            return "unusable private key: \(reason)"
        case .invalidHostKey(let reason):
            return "unusable pinned host key: \(reason)"
        case .channelRejected(let endpoint, let detail):
            return "\(endpoint) refused to run the command: \(detail)"
        case .commandTimeout(let endpoint, let seconds):
            return "command on \(endpoint) did not finish within \(seconds) s"
        case .connectionLost(let endpoint, let detail):
            return "connection to \(endpoint) lost: \(detail)"
        case .protocolError(let endpoint, let detail):
            return "SSH protocol error with \(endpoint): \(detail)"
        }
    }
}
