import Foundation

/// A patch document and the patch type it is sent as.
public enum Patch: Sendable, Hashable {
    /// RFC 7386 JSON merge patch: objects merge, `null` deletes a field, lists are replaced.
    case merge(JSONValue)
    /// RFC 6902 JSON patch: a list of operations applied in order.
    case json([JSONPatchOperation])
    /// Kubernetes strategic merge patch (built-in kinds only; lists merge by their keys).
    case strategicMerge(JSONValue)

    var contentType: String {
        switch self {
        case .merge: return "application/merge-patch+json"
        case .json: return "application/json-patch+json"
        case .strategicMerge: return "application/strategic-merge-patch+json"
        }
    }

    func body() throws -> [UInt8] {
        switch self {
        case .merge(let document), .strategicMerge(let document):
            return Array(try JSONCoding.encoder.encode(document))
        case .json(let operations):
            return Array(try JSONCoding.encoder.encode(operations))
        }
    }
}

/// One RFC 6902 operation. Paths are JSON pointers (`/metadata/labels/app`; `~1` stands for `/`).
public struct JSONPatchOperation: Sendable, Hashable, Encodable {
    public enum Op: String, Sendable, Hashable, Encodable {
        case add, remove, replace, move, copy, test
    }

    public var op: Op
    public var path: String
    public var value: JSONValue?
    public var from: String?

    public init(op: Op, path: String, value: JSONValue? = nil, from: String? = nil) {
        self.op = op
        self.path = path
        self.value = value
        self.from = from
    }

    public static func add(_ path: String, _ value: JSONValue) -> Self { .init(op: .add, path: path, value: value) }
    public static func replace(_ path: String, _ value: JSONValue) -> Self { .init(op: .replace, path: path, value: value) }
    public static func remove(_ path: String) -> Self { .init(op: .remove, path: path) }
    public static func test(_ path: String, _ value: JSONValue) -> Self { .init(op: .test, path: path, value: value) }

    /// Escapes a map key for use as one JSON-pointer segment (`a/b` → `a~1b`).
    public static func escape(_ key: String) -> String {
        key.replacingOccurrences(of: "~", with: "~0").replacingOccurrences(of: "/", with: "~1")
    }
}
