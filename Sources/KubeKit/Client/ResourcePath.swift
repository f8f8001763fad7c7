/// Builds the REST paths of a resource: collection, object and subresource URLs.
enum ResourcePath {
    /// `/apis/<group>/<version>[/namespaces/<ns>]/<plural>`; a nil namespace of a namespaced kind
    /// means all namespaces.
    static func collection(_ resource: ResourceDescriptor, namespace: String?) -> String {
        var path = resource.groupVersionPath
        if resource.namespaced, let namespace {
            path += "/namespaces/\(escape(namespace))"
        }
        return path + "/\(resource.plural)"
    }

    /// The path of one object, or of its subresource (`status`, `scale`).
    static func object(
        _ resource: ResourceDescriptor, name: String, namespace: String?, subresource: String? = nil, verb: String
    ) throws -> String {
        if resource.namespaced && (namespace ?? "").isEmpty {
            throw KubeError(
                code: .badRequest, request: "\(verb) \(resource)/\(name)",
                message: "\(resource) is namespaced; a namespace is required")
        }
        guard !name.isEmpty else {
            throw KubeError(code: .badRequest, request: "\(verb) \(resource)", message: "an object name is required")
        }
        var path = collection(resource, namespace: resource.namespaced ? namespace : nil) + "/\(escape(name))"
        if let subresource { path += "/\(subresource)" }
        return path
    }

    /// Percent-encodes one path segment or query value (RFC 3986 unreserved characters stay).
    static func escape(_ text: String) -> String {
        var result = ""
        result.reserveCapacity(text.utf8.count)
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
                UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"),
                UInt8(ascii: "~"):
                result.unicodeScalars.append(Unicode.Scalar(byte))
            default:
                let hex = Array("0123456789ABCDEF".utf8)
                result.unicodeScalars.append("%")
                result.unicodeScalars.append(Unicode.Scalar(hex[Int(byte >> 4)]))
                result.unicodeScalars.append(Unicode.Scalar(hex[Int(byte & 0xF)]))
            }
        }
        return result
    }

    static func query(_ items: [(String, String)]) -> String {
        items.isEmpty ? "" : "?" + items.map { "\(escape($0.0))=\(escape($0.1))" }.joined(separator: "&")
    }
}
