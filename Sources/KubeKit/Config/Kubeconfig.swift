/// The kubeconfig file format (`clientcmd/api/v1.Config`), as far as Mothership reads it.
struct Kubeconfig: Decodable, Sendable {
    var clusters: [Named<Cluster>]?
    var users: [Named<AuthInfo>]?
    var contexts: [Named<Context>]?
    var currentContext: String?

    enum CodingKeys: String, CodingKey {
        case clusters, users, contexts
        case currentContext = "current-context"
    }

    struct Named<Value: Decodable & Sendable>: Decodable, Sendable {
        var name: String
        var value: Value?

        enum CodingKeys: String, CodingKey { case name, cluster, user, context }

        init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            name = try container.decode(String.self, forKey: .name)
            value = try container.decodeIfPresent(Value.self, forKey: .cluster)
                ?? container.decodeIfPresent(Value.self, forKey: .user)
                ?? container.decodeIfPresent(Value.self, forKey: .context)
        }
    }

    struct Cluster: Decodable, Sendable {
        var server: String?
        var certificateAuthority: String?
        var certificateAuthorityData: String?
        var insecureSkipTLSVerify: Bool?
        var tlsServerName: String?
        var proxyURL: String?

        enum CodingKeys: String, CodingKey {
            case server
            case certificateAuthority = "certificate-authority"
            case certificateAuthorityData = "certificate-authority-data"
            case insecureSkipTLSVerify = "insecure-skip-tls-verify"
            case tlsServerName = "tls-server-name"
            case proxyURL = "proxy-url"
        }
    }

    struct AuthInfo: Decodable, Sendable {
        var clientCertificate: String?
        var clientCertificateData: String?
        var clientKey: String?
        var clientKeyData: String?
        var token: String?
        var tokenFile: String?
        var username: String?
        var password: String?
        var exec: Exec?
        var authProvider: JSONValue?

        enum CodingKeys: String, CodingKey {
            case clientCertificate = "client-certificate"
            case clientCertificateData = "client-certificate-data"
            case clientKey = "client-key"
            case clientKeyData = "client-key-data"
            case token
            case tokenFile
            case username, password, exec
            case authProvider = "auth-provider"
        }
    }

    struct Exec: Decodable, Sendable {
        var command: String?
        var args: [String]?
        var env: [EnvVar]?
        var apiVersion: String?
        var installHint: String?
        var provideClusterInfo: Bool?
        var interactiveMode: String?

        struct EnvVar: Decodable, Sendable {
            var name: String
            var value: String
        }
    }

    struct Context: Decodable, Sendable {
        var cluster: String?
        var user: String?
        var namespace: String?
    }
}

extension Kubeconfig {
    /// Merges several kubeconfig files as client-go does for a `KUBECONFIG` list: the first file
    /// that names a cluster, user or context, or sets `current-context`, wins.
    static func merged(_ configs: [Kubeconfig]) -> Kubeconfig {
        func merge<Value>(_ lists: [[Named<Value>]?]) -> [Named<Value>] {
            var seen = Set<String>()
            return lists.flatMap { $0 ?? [] }.filter { seen.insert($0.name).inserted }
        }
        return Kubeconfig(
            clusters: merge(configs.map(\.clusters)),
            users: merge(configs.map(\.users)),
            contexts: merge(configs.map(\.contexts)),
            currentContext: configs.lazy.compactMap(\.currentContext).first { !$0.isEmpty })
    }
}
