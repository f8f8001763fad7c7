extension BootstrapPlan {
    /// The HTTP(S) proxy the bootstrap script, the container runtime and the kubelet (or the k0s
    /// worker) use. Values may carry credentials, so they are written to a root-only file and never
    /// named in errors.
    public struct Proxy: Sendable, Hashable {
        /// `HTTP_PROXY`, e.g. `http://proxy.example.com:3128`.
        public var httpProxy: String?
        /// `HTTPS_PROXY`.
        public var httpsProxy: String?
        /// `NO_PROXY` entries: host names, domains (`.example.com`), addresses and CIDRs.
        public var noProxy: [String]

        public init(httpProxy: String? = nil, httpsProxy: String? = nil, noProxy: [String] = []) {
            self.httpProxy = httpProxy
            self.httpsProxy = httpsProxy
            self.noProxy = noProxy
        }
    }
}
