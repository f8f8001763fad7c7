/// An object of any kind, kept as JSON: for kinds Mothership only passes through (CRDs, add-on
/// manifests, custom resources of other providers). Its metadata is typed; everything else,
/// `apiVersion` and `kind` included, stays as it came. Its description names the object only:
/// the content may be a Secret's data.
public struct UnstructuredObject: KubeObject, Hashable, CustomStringConvertible, CustomDebugStringConvertible,
    CustomReflectable
{
    /// Standard object metadata.
    public var metadata: ObjectMeta
    /// Every top-level field except `metadata`.
    public var content: [String: JSONValue]

    public init(apiVersion: String, kind: String, metadata: ObjectMeta, content: [String: JSONValue] = [:]) {
        self.metadata = metadata
        self.content = content
        self.content["apiVersion"] = .string(apiVersion)
        self.content["kind"] = .string(kind)
    }

    public var apiVersion: String? { content["apiVersion"]?.stringValue }
    public var kind: String? { content["kind"]?.stringValue }

    public var description: String { "\(kind ?? "Object")(\(metadata.key), \(apiVersion ?? "no apiVersion"))" }
    public var debugDescription: String { description }
    public var customMirror: Mirror {
        Mirror(self, children: ["metadata": metadata, "object": description], displayStyle: .struct)
    }

    /// A top-level field such as `spec` or `status`.
    public subscript(field: String) -> JSONValue? {
        get { content[field] }
        set { content[field] = newValue }
    }

    private struct Key: CodingKey {
        var stringValue: String
        var intValue: Int? { nil }
        init(stringValue: String) { self.stringValue = stringValue }
        init?(intValue: Int) { nil }
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: Key.self)
        var metadata = ObjectMeta()
        var content: [String: JSONValue] = [:]
        for key in container.allKeys {
            if key.stringValue == "metadata" {
                metadata = try container.decode(ObjectMeta.self, forKey: key)
            } else {
                content[key.stringValue] = try container.decode(JSONValue.self, forKey: key)
            }
        }
        self.metadata = metadata
        self.content = content
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: Key.self)
        try container.encode(metadata, forKey: Key(stringValue: "metadata"))
        for (key, value) in content {
            try container.encode(value, forKey: Key(stringValue: key))
        }
    }
}
