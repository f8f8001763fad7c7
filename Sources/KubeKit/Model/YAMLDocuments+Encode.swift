import Yams

extension YAMLDocuments {
    /// `documents` as multi-document YAML with sorted keys, so generated files are stable and
    /// diff well. Strings that YAML would read as another type (`"true"`, `"1"`, `"null"`) are
    /// quoted; multi-line strings use the literal block style.
    public static func encode(_ documents: [JSONValue]) throws -> String {
        try documents.map { document in
            try Yams.serialize(node: node(for: document), width: -1, sortKeys: true)
        }.joined(separator: "---\n")
    }

    private static func node(for value: JSONValue) -> Node {
        switch value {
        case .null: return Node.scalar(Node.Scalar("null"))
        case .bool(let value): return Node.scalar(Node.Scalar(value ? "true" : "false"))
        case .int(let value): return Node.scalar(Node.Scalar(String(value)))
        case .double(let value): return Node.scalar(Node.Scalar(value.description))
        case .string(let text):
            if text.contains("\n") { return Node.scalar(Node.Scalar(text, Tag(.str), .literal)) }
            let plain = Node.scalar(Node.Scalar(text))
            let readsAsString = Resolver.default.resolveTag(of: plain) == .str
            return readsAsString ? plain : Node.scalar(Node.Scalar(text, Tag(.str), .singleQuoted))
        case .array(let items): return Node.sequence(Node.Sequence(items.map(node(for:))))
        case .object(let fields):
            return Node.mapping(Node.Mapping(fields.map { (Node.scalar(Node.Scalar($0.key)), node(for: $0.value)) }))
        }
    }
}
