import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// Decides which local executable runs for a container image: dev mode has no image registry,
/// so each image stands for a binary built or installed on this machine. Rules are tried in
/// order; the first whose pattern matches the image wins. Patterns are shell globs over the full
/// image reference (`*` also matches `/`), tried against the reference as written and in its
/// normalised form (`etcd` → `docker.io/library/etcd:latest`), e.g.
/// `registry.k8s.io/kube-apiserver:*` or `*/etcd:*`.
///
/// The executable stands in for the image's entrypoint and for `command[0]`: a container runs
/// `executable command[1...] args...`.
public struct ImageResolver: Sendable, Hashable {
    /// One mapping from an image pattern to an executable path.
    public struct Rule: Sendable, Hashable {
        public var pattern: String
        public var executable: String

        public init(_ pattern: String, executable: String) {
            self.pattern = pattern
            self.executable = executable
        }
    }

    public var rules: [Rule]

    public init(_ rules: [Rule] = []) { self.rules = rules }

    /// The executable for `image`, or nil when no rule matches it.
    public func executable(for image: String) -> String? {
        let candidates = [image, Self.normalised(image)]
        for rule in rules where candidates.contains(where: { fnmatch(rule.pattern, $0, 0) == 0 }) {
            return rule.executable
        }
        return nil
    }

    /// `image` as a full reference: registry (default `docker.io`, with `library/` for
    /// one-component names) and tag (default `latest`) made explicit.
    static func normalised(_ image: String) -> String {
        var reference = image
        let components = reference.split(separator: "/", omittingEmptySubsequences: false)
        let first = components.first.map(String.init) ?? ""
        let hasRegistry = components.count > 1 && (first.contains(".") || first.contains(":") || first == "localhost")
        if !hasRegistry {
            reference = (components.count == 1 ? "docker.io/library/" : "docker.io/") + reference
        }
        let lastComponent = reference.split(separator: "/").last ?? ""
        if !lastComponent.contains(":") && !reference.contains("@") {
            reference += ":latest"
        }
        return reference
    }
}
