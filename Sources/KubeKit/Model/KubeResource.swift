/// Any Kubernetes object: `Codable`, with standard metadata. Typed kinds conform through
/// ``KubeResource``; ``UnstructuredObject`` is the untyped one.
public protocol KubeObject: Codable, Sendable {
    /// Standard object metadata.
    var metadata: ObjectMeta { get set }
}

/// A typed Kubernetes object: `Codable` with the fields of its kind, plus the descriptor that
/// tells the client where its endpoints are. `apiVersion` and `kind` come from the descriptor and
/// are written by the client, so conforming types need not store them.
public protocol KubeResource: KubeObject {
    /// Where objects of this type live on the API server.
    static var resource: ResourceDescriptor { get }
}

extension KubeObject {
    /// `namespace/name` (or just `name` for cluster-scoped objects), for messages.
    public var objectKey: String { metadata.key }
}
