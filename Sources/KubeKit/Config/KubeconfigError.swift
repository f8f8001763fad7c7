/// Why a kubeconfig (or the in-cluster service account) cannot be turned into a client
/// configuration. Messages name the file, context, cluster or user and the field at fault, never
/// a credential's value.
public enum KubeconfigError: Error, Sendable, Equatable, CustomStringConvertible {
    /// A file (the kubeconfig, or one it refers to) cannot be read.
    case unreadableFile(path: String, reason: String)
    /// The kubeconfig is not valid YAML of the kubeconfig format.
    case malformed(path: String, detail: String)
    /// No context was asked for and `current-context` is not set.
    case noCurrentContext
    /// The context asked for is not defined.
    case contextNotFound(String)
    /// The context refers to a cluster that is not defined.
    case clusterNotFound(cluster: String, context: String)
    /// The context refers to a user that is not defined.
    case userNotFound(user: String, context: String)
    /// The cluster has no usable `server` URL.
    case invalidServer(cluster: String, server: String?)
    /// The cluster's CA (`certificate-authority[-data]`) is not PEM certificates.
    case invalidCertificateAuthority(cluster: String, detail: String)
    /// Both a CA and `insecure-skip-tls-verify: true` are set; client-go refuses this too.
    case caWithInsecureSkipVerify(cluster: String)
    /// The user's client certificate is missing, unreadable or not PEM.
    case invalidClientCertificate(user: String, detail: String)
    /// The user's client key is missing, unreadable or not a PEM private key.
    case invalidClientKey(user: String, detail: String)
    /// A field Mothership does not support (e.g. `auth-provider`, basic auth).
    case unsupported(field: String, owner: String)
    /// The in-cluster environment (service host, port, token, CA) is incomplete.
    case notInCluster(detail: String)

    public var description: String {
        switch self {
        case .unreadableFile(let path, let reason):
            return "kubeconfig: cannot read \(path): \(reason)"
        case .malformed(let path, let detail):
            return "kubeconfig: \(path) is not a valid kubeconfig: \(detail)"
        case .noCurrentContext:
            return "kubeconfig: no context given and current-context is not set"
        case .contextNotFound(let name):
            return "kubeconfig: context \"\(name)\" is not defined"
        case .clusterNotFound(let cluster, let context):
            return "kubeconfig: context \"\(context)\" refers to cluster \"\(cluster)\", which is not defined"
        case .userNotFound(let user, let context):
            return "kubeconfig: context \"\(context)\" refers to user \"\(user)\", which is not defined"
        case .invalidServer(let cluster, let server):
            return "kubeconfig: cluster \"\(cluster)\" has \(server.map { "an invalid server URL \"\($0)\"" } ?? "no server")"
        case .invalidCertificateAuthority(let cluster, let detail):
            return "kubeconfig: cluster \"\(cluster)\": certificate authority: \(detail)"
        case .caWithInsecureSkipVerify(let cluster):
            return "kubeconfig: cluster \"\(cluster)\" sets both a certificate authority and insecure-skip-tls-verify"
        case .invalidClientCertificate(let user, let detail):
            return "kubeconfig: user \"\(user)\": client certificate: \(detail)"
        case .invalidClientKey(let user, let detail):
            return "kubeconfig: user \"\(user)\": client key: \(detail)"
        case .unsupported(let field, let owner):
            return "kubeconfig: \(owner): \(field) is not supported"
        case .notInCluster(let detail):
            return "in-cluster configuration: \(detail)"
        }
    }
}
