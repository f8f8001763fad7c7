import KubeKit

/// A health check of a container (`v1.Probe`). Defaults as Kubernetes: period 10 s, timeout
/// 1 s, success threshold 1, failure threshold 3, no initial delay.
struct Probe: Codable, Sendable, Hashable {
    /// An HTTP(S) GET; 200–399 is success. HTTPS certificates are not verified, as the kubelet does.
    struct HTTPGetAction: Codable, Sendable, Hashable {
        struct Header: Codable, Sendable, Hashable {
            var name: String
            var value: String
        }

        var path: String?
        var port: IntOrString
        /// Default: the Pod's IP.
        var host: String?
        /// `HTTP` (default) or `HTTPS`.
        var scheme: String?
        var httpHeaders: [Header]?

        init(path: String? = nil, port: IntOrString, host: String? = nil, scheme: String? = nil) {
            self.path = path
            self.port = port
            self.host = host
            self.scheme = scheme
        }
    }

    /// A TCP connection that opens.
    struct TCPSocketAction: Codable, Sendable, Hashable {
        var port: IntOrString
        var host: String?

        init(port: IntOrString, host: String? = nil) {
            self.port = port
            self.host = host
        }
    }

    /// A command run in the container's namespaces that exits 0.
    struct ExecAction: Codable, Sendable, Hashable {
        var command: [String]?

        init(command: [String]) { self.command = command }
    }

    var httpGet: HTTPGetAction?
    var tcpSocket: TCPSocketAction?
    var exec: ExecAction?
    var grpc: JSONValue?
    var initialDelaySeconds: Int32?
    var periodSeconds: Int32?
    var timeoutSeconds: Int32?
    var successThreshold: Int32?
    var failureThreshold: Int32?

    init(
        httpGet: HTTPGetAction? = nil, tcpSocket: TCPSocketAction? = nil, exec: ExecAction? = nil,
        initialDelaySeconds: Int32? = nil, periodSeconds: Int32? = nil, timeoutSeconds: Int32? = nil,
        successThreshold: Int32? = nil, failureThreshold: Int32? = nil
    ) {
        self.httpGet = httpGet
        self.tcpSocket = tcpSocket
        self.exec = exec
        self.initialDelaySeconds = initialDelaySeconds
        self.periodSeconds = periodSeconds
        self.timeoutSeconds = timeoutSeconds
        self.successThreshold = successThreshold
        self.failureThreshold = failureThreshold
    }
}
