/// Why a plan cannot become user data. Each case names the offending field or path so a condition
/// can tell the user what to fix, and none carries a file's content, the join token or a proxy URL
/// (which may hold credentials).
public enum UserDataError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The user data is `size` bytes even compressed; the platform takes at most `limit`.
    case tooLarge(size: Int, limit: Int)
    /// Two files, or a file and one the renderer writes itself, share this path.
    case duplicateFilePath(String)
    /// This file path is not absolute, or has a `..` component.
    case invalidFilePath(String)
    /// The file at `path` has permissions that are not an octal mode such as `0644`.
    case invalidFilePermissions(path: String, permissions: String)
    /// The file at `path` has an owner that is not `user` or `user:group`.
    case invalidFileOwner(path: String, owner: String)
    /// The file at `path` says it is base64 (or gzip+base64) but its content is not.
    case invalidFileEncoding(path: String)
    /// The version is not a `vMAJOR.MINOR.PATCH` version of the flavor.
    case invalidVersion(String)
    /// The install URL is not an http(s) URL.
    case invalidInstallURL
    /// The install checksum is not 64 hexadecimal digits.
    case invalidInstallChecksum
    /// The API server endpoint is not `https://host[:port]`.
    case invalidAPIServerEndpoint(String)
    /// The join token is not a bootstrap token (`[a-z0-9]{6}.[a-z0-9]{16}`).
    case invalidJoinToken
    /// The CA certificate is not a PEM certificate.
    case invalidCACertificate
    /// This node label key, or its value, is not a valid Kubernetes label.
    case invalidNodeLabel(String)
    /// The taint with this key has an invalid key, value or effect.
    case invalidTaint(String)
    /// This kubelet argument name is not a flag name, its value has whitespace or quotes, or it is
    /// `node-labels` (set through node labels instead).
    case invalidKubeletExtraArg(String)
    /// This proxy field (`httpProxy`, `httpsProxy`, `noProxy`) has characters outside a URL's.
    case invalidProxy(String)
    /// This NTP server is not a host name or address.
    case invalidNTPServer(String)
    /// A step of rendering (`gzip`, `YAML`, `JSON`) failed; the plan itself was valid.
    case encodingFailed(String)

    public var description: String {
        switch self {
        case .tooLarge(let size, let limit):
            "user data is \(size) bytes even compressed, more than the platform's limit of \(limit) bytes"
        case .duplicateFilePath(let path): "more than one file has the path \(path)"
        case .invalidFilePath(let path): "file path \(path) must be absolute and must not contain '..'"
        case .invalidFilePermissions(let path, let permissions):
            "file \(path) has permissions \(permissions); expected an octal mode such as 0644"
        case .invalidFileOwner(let path, let owner): "file \(path) has owner \(owner); expected user or user:group"
        case .invalidFileEncoding(let path): "the content of file \(path) is not what its encoding says (base64, or gzip in base64)"
        case .invalidVersion(let version): "version \(version) is not of the form vMAJOR.MINOR.PATCH for this flavor"
        case .invalidInstallURL: "install url must be an http or https URL without spaces or quotes"
        case .invalidInstallChecksum: "install sha256 must be 64 hexadecimal digits"
        case .invalidAPIServerEndpoint(let endpoint): "API server endpoint \(endpoint) is not https://host[:port]"
        case .invalidJoinToken: "the join token is not a bootstrap token of the form [a-z0-9]{6}.[a-z0-9]{16}"
        case .invalidCACertificate: "the CA certificate is not a PEM-encoded X.509 certificate"
        case .invalidNodeLabel(let key): "node label \(key) is not a valid Kubernetes label key and value"
        case .invalidTaint(let key):
            "taint \(key) needs a valid key and value and an effect of NoSchedule, PreferNoSchedule or NoExecute"
        case .invalidKubeletExtraArg(let name):
            "kubelet extra arg \(name) must be a flag name with a value without whitespace or quotes, and not node-labels"
        case .invalidProxy(let field): "proxy \(field) may only contain URL characters"
        case .invalidNTPServer(let server): "NTP server \(server) is not a host name or address"
        case .encodingFailed(let step): "rendering the user data failed at the \(step) step"
        }
    }
}
