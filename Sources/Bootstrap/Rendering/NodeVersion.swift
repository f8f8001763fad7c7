/// The plan's version, checked against its flavor's form: `vMAJOR.MINOR.PATCH` for kubeadm (a
/// pre-release suffix allowed), `vMAJOR.MINOR.PATCH+k0s.N` for k0s.
struct NodeVersion: Sendable, Hashable {
    var major: Int
    var minor: Int

    init(_ version: String, flavor: BootstrapPlan.Flavor) throws(UserDataError) {
        let match =
            switch flavor {
            case .k0s: version.wholeMatch(of: /v(\d+)\.(\d+)\.\d+(-[0-9A-Za-z.]+)?\+k0s\.\d+/)?.output
            case .kubeadm: version.wholeMatch(of: /v(\d+)\.(\d+)\.\d+(-[0-9A-Za-z.]+)?/)?.output
            }
        guard let match, let major = Int(match.1), let minor = Int(match.2) else { throw .invalidVersion(version) }
        self.major = major
        self.minor = minor
    }

    /// Whether this is at least `major.minor`.
    func isAtLeast(_ major: Int, _ minor: Int) -> Bool {
        (self.major, self.minor) >= (major, minor)
    }
}
