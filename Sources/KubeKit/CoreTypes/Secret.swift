import Foundation

/// Secret data (`v1/Secret`): keys, tokens, kubeconfigs, user data. Describing, printing or
/// dumping a Secret shows its keys, never its values.
public struct Secret: KubeResource, Hashable, CustomStringConvertible, CustomDebugStringConvertible,
    CustomReflectable
{
    public static let resource = ResourceDescriptor(group: "", version: "v1", kind: "Secret", plural: "secrets", namespaced: true)

    public var metadata: ObjectMeta
    /// E.g. `Opaque`, `kubernetes.io/tls`, `bootstrap.kubernetes.io/token`, `cluster.x-k8s.io/secret`.
    public var type: String?
    /// Values by key (base64 on the wire).
    public var data: [String: Data]?
    /// Write-only convenience: string values the server merges into `data`.
    public var stringData: [String: String]?
    public var immutable: Bool?

    public init(metadata: ObjectMeta, type: String? = nil, data: [String: Data]? = nil, stringData: [String: String]? = nil) {
        self.metadata = metadata
        self.type = type
        self.data = data
        self.stringData = stringData
    }

    public var description: String {
        let keys = Set((data?.keys).map(Array.init) ?? []).union(stringData?.keys.map { $0 } ?? []).sorted()
        return "Secret(\(metadata.key), type: \(type ?? "Opaque"), keys: [\(keys.joined(separator: ", "))])"
    }

    public var debugDescription: String { description }

    public var customMirror: Mirror {
        Mirror(self, children: ["metadata": metadata, "type": type as Any, "keys": description], displayStyle: .struct)
    }
}
