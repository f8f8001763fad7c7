/// The API server URL split into what kubeadm's discovery wants (`host:port`) and what a
/// kubeconfig wants (`https://host:port`).
struct APIServerEndpoint: Sendable, Hashable {
    /// A DNS name, an IPv4 address, or an IPv6 address in brackets.
    var host: String
    var port: Int

    /// Parses `https://host[:port][/]`; the port defaults to 443.
    init(_ url: String) throws(UserDataError) {
        let pattern = /https:\/\/(?<host>[A-Za-z0-9.-]+|\[[0-9A-Fa-f:.]+\])(:(?<port>\d{1,5}))?\/?/
        guard let match = url.wholeMatch(of: pattern)?.output else { throw .invalidAPIServerEndpoint(url) }
        let port = match.port.flatMap { Int($0) } ?? 443
        guard (1...65535).contains(port) else { throw .invalidAPIServerEndpoint(url) }
        self.host = String(match.host)
        self.port = port
    }

    /// `host:port`, as kubeadm's `discovery.bootstrapToken.apiServerEndpoint`.
    var hostPort: String { "\(host):\(port)" }

    /// `https://host:port`, as a kubeconfig's `server`.
    var url: String { "https://\(hostPort)" }
}
