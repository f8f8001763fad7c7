import Foundation
import KubeKit

/// Checks that a Swift type and the schema of its CRD describe the same fields: a field only the
/// schema has is dropped by the controller on every write; a field only the Swift type has is
/// pruned by the API server.
public enum SchemaDrift {
    /// Every difference between `type` and `schema` (an `openAPIV3Schema`), as paths naming the
    /// side that lacks the field; empty when they agree.
    public static func problems<T: Codable>(_ type: T.Type, schema: JSONValue) throws -> [String] {
        let sample = SchemaSample.make(schema, skipping: ["apiVersion", "kind", "metadata"])
        var withMetadata = sample
        withMetadata["metadata"] = ["name": "sample"]
        let decoded: T
        do {
            decoded = try JSONCoding.decoder.decode(T.self, from: try JSONCoding.encoder.encode(withMetadata))
        } catch {
            return ["the schema's sample does not decode as \(T.self): \(error)"]
        }
        var kept = try JSONValue(encoding: decoded)
        kept["metadata"] = nil
        kept["apiVersion"] = nil
        kept["kind"] = nil
        let dropped = SchemaSample.differences(sample, kept).filter { $0.hasSuffix("(missing from the type)") }
        return dropped + unsetFields(of: decoded, path: "").filter { $0 != "metadata" && !$0.hasPrefix("metadata.") }
            .map { "\($0) (in the Swift type, not in the schema)" }
    }

    /// Optional properties still nil after decoding a sample that sets every schema field: fields
    /// the schema does not have. Free-form values and enums are not looked into.
    private static func unsetFields(of value: Any, path: String) -> [String] {
        let mirror = Mirror(reflecting: value)
        switch mirror.displayStyle {
        case .optional:
            guard let wrapped = mirror.children.first?.value else { return [path] }
            return unsetFields(of: wrapped, path: path)
        case .collection:
            return mirror.children.flatMap { unsetFields(of: $0.value, path: "\(path)[]") }
        case .dictionary:
            return mirror.children.flatMap { entry in
                Mirror(reflecting: entry.value).children.dropFirst().flatMap { unsetFields(of: $0.value, path: "\(path)[key]") }
            }
        case .struct, .class:
            if value is Date || value is Data || value is JSONValue { return [] }
            return mirror.children.flatMap { child -> [String] in
                guard let label = child.label else { return [] }
                return unsetFields(of: child.value, path: path.isEmpty ? label : "\(path).\(label)")
            }
        default:
            return []
        }
    }
}
