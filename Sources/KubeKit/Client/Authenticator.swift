import Foundation

/// Supplies each request's bearer token and client certificate from the configured credentials:
/// re-reads token files every minute and caches exec plugin results until they expire.
actor Authenticator {
    /// What one request authenticates with.
    struct Authentication: Sendable {
        var bearerToken: Sensitive<String>?
        /// Set when the credential brings its own client certificate (exec plugins).
        var identity: Sensitive<ClientIdentity>?
    }

    private let credentials: Credentials
    private let plugin: ExecCredentialPlugin?
    private var tokenFileCache: (token: Sensitive<String>, readAt: ContinuousClock.Instant)?
    private static let tokenFileTTL = Duration.seconds(60)

    init(credentials: Credentials) {
        self.credentials = credentials
        if case .exec(let config) = credentials {
            plugin = ExecCredentialPlugin(config: config)
        } else {
            plugin = nil
        }
    }

    /// Whether a 401 may be cured by fetching the credential again.
    var canRefresh: Bool {
        switch credentials {
        case .exec, .tokenFile: return true
        case .none, .bearerToken: return false
        }
    }

    func authentication() async throws -> Authentication {
        switch credentials {
        case .none:
            return Authentication()
        case .bearerToken(let token):
            return Authentication(bearerToken: token)
        case .tokenFile(let path):
            let now = ContinuousClock.now
            if let cached = tokenFileCache, now - cached.readAt < Self.tokenFileTTL {
                return Authentication(bearerToken: cached.token)
            }
            let token = Sensitive(try readText(path).trimmingCharacters(in: .whitespacesAndNewlines))
            tokenFileCache = (token, now)
            return Authentication(bearerToken: token)
        case .exec:
            guard let plugin else { return Authentication() }
            let credential = try await plugin.credential()
            return Authentication(bearerToken: credential.token, identity: credential.identity)
        }
    }

    /// Drops cached credentials after the server refused them.
    func invalidate() async {
        tokenFileCache = nil
        await plugin?.invalidate()
    }
}
