/// A namespace (`v1/Namespace`).
public struct Namespace: KubeResource, Hashable {
    public static let resource = ResourceDescriptor(group: "", version: "v1", kind: "Namespace", plural: "namespaces", namespaced: false)

    public var metadata: ObjectMeta
    public var status: Status?

    public struct Status: Codable, Sendable, Hashable {
        /// `Active` or `Terminating`.
        public var phase: String?
    }

    public init(metadata: ObjectMeta) { self.metadata = metadata }
}
