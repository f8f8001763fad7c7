import Foundation
import NIOSSL

/// Everything a ``KubeClient`` needs to reach and authenticate to one API server: built from a
/// kubeconfig (``fromKubeconfig(path:context:)``), from a pod's service account
/// (``inCluster(environment:serviceAccountDirectory:)``), or by hand. Describing it never shows
/// a credential.
public struct ClientConfiguration: Sendable, CustomStringConvertible {
    /// The API server's base URL, e.g. `https://127.0.0.1:6443` (no trailing slash).
    public var server: String
    /// Certificates that may sign the server's certificate; nil trusts the system's roots.
    public var trustRoots: [NIOSSLCertificate]?
    /// Skip verifying the server's certificate. Only ever set from an explicit
    /// `insecure-skip-tls-verify: true`.
    public var insecureSkipTLSVerify: Bool
    /// A client certificate and key to authenticate with (mutual TLS).
    public var clientIdentity: Sensitive<ClientIdentity>?
    /// Token-based credentials, sent as `Authorization: Bearer`.
    public var credentials: Credentials
    /// The namespace of the selected context (or of the service account in-cluster), if any.
    public var namespace: String?
    /// How long one request (not a watch) may take, connection included. Default 30 s.
    public var timeout: Duration
    /// Client-side limit on request rate; nil (the default) sends as fast as asked.
    public var rateLimit: RateLimit?
    /// Sent as `User-Agent`, and seen in the server's audit log and `managedFields`.
    public var userAgent: String

    public init(
        server: String, trustRoots: [NIOSSLCertificate]? = nil, insecureSkipTLSVerify: Bool = false,
        clientIdentity: ClientIdentity? = nil, credentials: Credentials = .none, namespace: String? = nil,
        timeout: Duration = .seconds(30), rateLimit: RateLimit? = nil, userAgent: String = ClientConfiguration.defaultUserAgent
    ) {
        self.server = server.hasSuffix("/") ? String(server.dropLast()) : server
        self.trustRoots = trustRoots
        self.insecureSkipTLSVerify = insecureSkipTLSVerify
        self.clientIdentity = clientIdentity.map(Sensitive.init)
        self.credentials = credentials
        self.namespace = namespace
        self.timeout = timeout
        self.rateLimit = rateLimit
        self.userAgent = userAgent
    }

    /// `mothership/<version> (<os>/<arch>) kubekit`, in client-go's format: the server names the
    /// field manager of writes without an explicit one after the part before the first `/`.
    public static let defaultUserAgent: String = {
        #if arch(x86_64)
            let arch = "amd64"
        #elseif arch(arm64)
            let arch = "arm64"
        #else
            let arch = "unknown"
        #endif
        #if os(Linux)
            let os = "linux"
        #else
            let os = "darwin"
        #endif
        return "mothership/\(KubeKitVersion.current) (\(os)/\(arch)) kubekit"
    }()

    public var description: String {
        var parts = ["server: \(server)"]
        if insecureSkipTLSVerify { parts.append("insecure-skip-tls-verify") }
        if trustRoots != nil { parts.append("custom CA") }
        if clientIdentity != nil { parts.append("client certificate") }
        parts.append("credentials: \(credentials)")
        if let namespace { parts.append("namespace: \(namespace)") }
        return "ClientConfiguration(\(parts.joined(separator: ", ")))"
    }

    /// The TLS settings for a connection, with `identity` as the client certificate when given.
    func tlsConfiguration(identity: ClientIdentity?) -> TLSConfiguration {
        var tls = TLSConfiguration.makeClientConfiguration()
        if insecureSkipTLSVerify {
            tls.certificateVerification = .none
        } else if let trustRoots {
            tls.trustRoots = .certificates(trustRoots)
        }
        if let identity {
            tls.certificateChain = identity.certificateChain.map { .certificate($0) }
            tls.privateKey = .privateKey(identity.privateKey)
        }
        return tls
    }
}

/// A client certificate chain and its private key.
public struct ClientIdentity: Sendable {
    public var certificateChain: [NIOSSLCertificate]
    public var privateKey: NIOSSLPrivateKey

    public init(certificateChain: [NIOSSLCertificate], privateKey: NIOSSLPrivateKey) {
        self.certificateChain = certificateChain
        self.privateKey = privateKey
    }

    /// Parses a PEM certificate chain and a PEM private key (PKCS#8, SEC1 EC or PKCS#1 RSA).
    public init(certificatePEM: [UInt8], keyPEM: [UInt8]) throws {
        self.certificateChain = try NIOSSLCertificate.fromPEMBytes(certificatePEM)
        self.privateKey = try NIOSSLPrivateKey(bytes: keyPEM, format: .pem)
    }
}

/// How requests authenticate besides a client certificate.
public enum Credentials: Sendable, CustomStringConvertible {
    /// No `Authorization` header.
    case none
    /// A fixed bearer token.
    case bearerToken(Sensitive<String>)
    /// A bearer token read from a file, re-read every minute (rotating service-account tokens).
    case tokenFile(path: String)
    /// A token or certificate from an exec credential plugin, cached until it expires.
    case exec(ExecCredentialConfig)

    public var description: String {
        switch self {
        case .none: return "none"
        case .bearerToken: return "bearer token"
        case .tokenFile(let path): return "token file \(path)"
        case .exec(let config): return "exec plugin \(config.command)"
        }
    }
}

/// A client-side token bucket: `queriesPerSecond` on average, bursts up to `burst`.
public struct RateLimit: Sendable, Hashable {
    public var queriesPerSecond: Double
    public var burst: Int

    public init(queriesPerSecond: Double, burst: Int) {
        precondition(queriesPerSecond > 0 && burst > 0, "rate limit needs positive qps and burst")
        self.queriesPerSecond = queriesPerSecond
        self.burst = burst
    }
}
