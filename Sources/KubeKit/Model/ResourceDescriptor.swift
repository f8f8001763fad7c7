/// Identifies one kind of API resource on the wire: where its REST endpoints live and how its
/// objects are named. Typed resources state theirs once as ``KubeResource/resource``; untyped
/// objects carry one at run time.
public struct ResourceDescriptor: Hashable, Sendable, CustomStringConvertible {
    /// API group; empty for the core group (`v1`).
    public var group: String
    /// API version within the group, e.g. `v1beta2`.
    public var version: String
    /// The object kind, e.g. `Machine`.
    public var kind: String
    /// The lower-case plural used in URLs, e.g. `machines`.
    public var plural: String
    /// Whether objects live in a namespace.
    public var namespaced: Bool

    public init(group: String, version: String, kind: String, plural: String, namespaced: Bool) {
        self.group = group
        self.version = version
        self.kind = kind
        self.plural = plural
        self.namespaced = namespaced
    }

    /// `group/version`, or just `version` for the core group: the `apiVersion` field of objects.
    public var apiVersion: String { group.isEmpty ? version : "\(group)/\(version)" }

    /// `plural.group` (or just `plural` in the core group), as kubectl and RBAC name a resource.
    public var description: String { group.isEmpty ? plural : "\(plural).\(group)" }

    /// The URL path prefix of the group version: `/api/v1` or `/apis/<group>/<version>`.
    var groupVersionPath: String { group.isEmpty ? "/api/\(version)" : "/apis/\(group)/\(version)" }
}
