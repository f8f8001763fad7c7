import Foundation
import KubeKit

/// Builds, from an OpenAPI v3 schema of a CRD, an object that sets every field the schema
/// defines (an `example` where the schema gives one, else a value within its bounds), so a test can check that a Swift type carries each one: decode the sample into the
/// type, encode it again, and compare. A field the type lacks disappears on the way.
public enum SchemaSample {
    /// The `openAPIV3Schema` of `version` in the CRD at `path`.
    public static func schema(crdPath path: String, version: String) throws -> JSONValue {
        let crd = try YAMLDocuments.decode(try String(contentsOfFile: path, encoding: .utf8))[0]
        guard let schema = crd[path: ["spec", "versions"]]?.arrayValue?
            .first(where: { $0["name"]?.stringValue == version })?[path: ["schema", "openAPIV3Schema"]]
        else { throw EnvtestError(message: "\(path) has no schema for version \(version)") }
        return schema
    }

    /// A value for `schema` with every property set; `skipping` lists top-level properties to
    /// leave out (e.g. `apiVersion`, `kind`).
    public static func make(_ schema: JSONValue, skipping: Set<String> = []) -> JSONValue {
        if let example = schema["example"] { return example }
        if schema["x-kubernetes-int-or-string"]?.boolValue == true { return 1 }
        if let first = schema["enum"]?.arrayValue?.first { return first }
        switch schema["type"]?.stringValue {
        case "string":
            if schema["format"]?.stringValue == "date-time" { return "2026-01-02T03:04:05Z" }
            let length = min(max(6, Int(schema["minLength"]?.intValue ?? 0)), Int(schema["maxLength"]?.intValue ?? 6))
            return .string(String(repeating: "sample", count: length / 6 + 1).prefix(length).description)
        case "integer":
            return .int(min(max(7, schema["minimum"]?.intValue ?? 7), schema["maximum"]?.intValue ?? 7))
        case "number": return 1.5
        case "boolean": return true
        case "array": return [make(schema["items"] ?? [:])]
        default:
            if let properties = schema["properties"]?.objectValue {
                var object: [String: JSONValue] = [:]
                for (name, property) in properties where !skipping.contains(name) {
                    object[name] = make(property)
                }
                return .object(object)
            }
            if let additional = schema["additionalProperties"], additional.objectValue != nil {
                return ["key": make(additional)]
            }
            return [:]
        }
    }

    /// Decodes `sample` as `T` and encodes it again: what a type keeps of an object.
    public static func roundTrip<T: Codable>(_ sample: JSONValue, as type: T.Type) throws -> JSONValue {
        let decoded = try JSONCoding.decoder.decode(T.self, from: try JSONCoding.encoder.encode(sample))
        return try JSONCoding.decoder.decode(JSONValue.self, from: try JSONCoding.encoder.encode(decoded))
    }

    /// Paths (`spec.bootstrap.configRef`) present in one value and not the other.
    public static func differences(_ expected: JSONValue, _ actual: JSONValue, path: String = "") -> [String] {
        switch (expected, actual) {
        case (.object(let left), .object(let right)):
            return Set(left.keys).union(right.keys).sorted().flatMap { key -> [String] in
                let child = path.isEmpty ? key : "\(path).\(key)"
                switch (left[key], right[key]) {
                case (let l?, let r?): return differences(l, r, path: child)
                case (_?, nil): return ["\(child) (missing from the type)"]
                default: return ["\(child) (not in the schema)"]
                }
            }
        case (.array(let left), .array(let right)) where left.count == right.count:
            return zip(left, right).flatMap { differences($0, $1, path: "\(path)[]") }
        default:
            return expected == actual ? [] : ["\(path) (value changed)"]
        }
    }
}
