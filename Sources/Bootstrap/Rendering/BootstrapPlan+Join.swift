import KubeKit

extension BootstrapPlan {
    /// How the node finds its hosted control plane and proves it may join.
    public struct Join: Sendable, Hashable {
        /// The API server URL, `https://host:port` (port 443 when left out).
        public var apiServerEndpoint: String
        /// A bootstrap token, `abcdef.0123456789abcdef`; redacted whenever printed.
        public var token: Sensitive<String>
        /// The cluster CA certificate, PEM. kubeadm pins its public key; k0s embeds it whole.
        public var caCertificatePEM: String

        public init(apiServerEndpoint: String, token: Sensitive<String>, caCertificatePEM: String) {
            self.apiServerEndpoint = apiServerEndpoint
            self.token = token
            self.caCertificatePEM = caCertificatePEM
        }
    }
}
