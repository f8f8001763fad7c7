/// A Kubernetes version `vMAJOR.MINOR.PATCH` (a k0s suffix such as `+k0s.0` kept aside), for
/// the version rules: flags by version, one minor version per upgrade, no downgrades.
public struct KubernetesVersion: Sendable, Hashable, Comparable, CustomStringConvertible {
    public var major: Int
    public var minor: Int
    public var patch: Int
    /// What followed the patch number (`+k0s.0`), empty for none.
    public var suffix: String

    /// Parses `v1.31.2` or `v1.31.2+k0s.0`; nil for anything else.
    public init?(_ text: String) {
        guard let match = text.wholeMatch(of: /v(\d+)\.(\d+)\.(\d+)([-+].*)?/),
            let major = Int(match.1), let minor = Int(match.2), let patch = Int(match.3)
        else { return nil }
        self.major = major
        self.minor = minor
        self.patch = patch
        self.suffix = match.4.map(String.init) ?? ""
    }

    public var description: String { "v\(major).\(minor).\(patch)\(suffix)" }

    public static func < (lhs: Self, rhs: Self) -> Bool {
        (lhs.major, lhs.minor, lhs.patch) < (rhs.major, rhs.minor, rhs.patch)
    }

    /// Whether this version is at least `major.minor`.
    func isAtLeast(_ major: Int, _ minor: Int) -> Bool { (self.major, self.minor) >= (major, minor) }
}
