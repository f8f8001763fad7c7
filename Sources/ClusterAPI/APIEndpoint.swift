/// Where a cluster's Kubernetes API server is reached (`clusterv1.APIEndpoint`): set on the
/// Cluster from the control plane or the infrastructure cluster, whichever provides it.
public struct APIEndpoint: Codable, Sendable, Hashable {
    /// Host name or IP address the API server is served on.
    public var host: String?
    /// TCP port the API server is served on (1–65535), e.g. 6443.
    public var port: Int32?

    public init(host: String? = nil, port: Int32? = nil) {
        self.host = host
        self.port = port
    }
}
