import Yams

/// Reading Kubernetes manifests: multi-document YAML into JSON values, typing plain scalars the
/// way kubectl's YAML reader does (YAML 1.1: `"1"` stays a string, `1` is an integer, `on` a bool).
public enum YAMLDocuments {
    /// Every non-empty document of `yaml`, in order.
    public static func decode(_ yaml: String) throws -> [JSONValue] {
        do {
            return try Yams.compose_all(yaml: yaml).map { try JSONValue(yaml: $0) }.filter { $0 != .null }
        } catch let error as YAMLDocumentError {
            throw error
        } catch {
            throw YAMLDocumentError(message: "\(error)")
        }
    }

    /// Every non-empty document of `yaml` as an object (each must have `apiVersion` and `kind`).
    public static func objects(_ yaml: String) throws -> [UnstructuredObject] {
        try decode(yaml).enumerated().map { index, document in
            guard document["apiVersion"]?.stringValue != nil, document["kind"]?.stringValue != nil else {
                throw YAMLDocumentError(message: "document \(index + 1) has no apiVersion or kind")
            }
            return try JSONCoding.decoder.decode(UnstructuredObject.self, from: JSONCoding.encoder.encode(document))
        }
    }
}

/// A manifest that is not valid YAML, or not a Kubernetes object.
public struct YAMLDocumentError: Error, Sendable, CustomStringConvertible {
    public var message: String
    public var description: String { "invalid manifest: \(message)" }
}

extension JSONValue {
    /// Converts a composed YAML node, typing scalars by their resolved tag.
    init(yaml node: Node) throws {
        switch node {
        case .scalar(let scalar):
            switch Resolver.default.resolveTag(of: node) {
            case .null: self = .null
            case .bool: self = .bool(Bool.construct(from: scalar) ?? false)
            case .int:
                guard let value = Int64.construct(from: scalar) else {
                    throw YAMLDocumentError(message: "integer out of range: \(scalar.string)")
                }
                self = .int(value)
            case .float: self = .double(Double.construct(from: scalar) ?? 0)
            default: self = .string(scalar.string)
            }
        case .sequence(let sequence):
            self = .array(try sequence.map { try JSONValue(yaml: $0) })
        case .mapping(let mapping):
            var fields: [String: JSONValue] = [:]
            for (key, value) in mapping {
                guard case .scalar(let keyScalar) = key else {
                    throw YAMLDocumentError(message: "a mapping key is not a scalar")
                }
                fields[keyScalar.string] = try JSONValue(yaml: value)
            }
            self = .object(fields)
        case .alias:
            throw YAMLDocumentError(message: "YAML aliases are not supported in manifests")
        }
    }
}
