import Bootstrap
import Foundation
import KubeKit

/// The files rendered user data writes, by path, decoded the way cloud-init or Ignition would
/// (with the system's gzip, not the renderer's).
func renderedFiles(_ userData: UserData) throws -> [String: [UInt8]] {
    let document = try decodedDocument(userData)
    var files: [String: [UInt8]] = [:]
    switch userData.format {
    case .cloudConfig:
        for entry in document["write_files"]?.arrayValue ?? [] {
            let content = try (entry["content"]?.stringValue).orThrow("write_files entry without content")
            let path = try (entry["path"]?.stringValue).orThrow("write_files entry without path")
            switch entry["encoding"]?.stringValue {
            case nil: files[path] = Array(content.utf8)
            case "b64": files[path] = Array(try Data(base64Encoded: content).orThrow("\(path) is not base64"))
            default: files[path] = try gunzip(Array(try Data(base64Encoded: content).orThrow("\(path) is not base64")))
            }
        }
    case .ignition:
        for entry in document[path: ["storage", "files"]]?.arrayValue ?? [] {
            let path = try (entry["path"]?.stringValue).orThrow("Ignition file without path")
            let source = try (entry[path: ["contents", "source"]]?.stringValue).orThrow("\(path) has no source")
            let prefix = "data:;base64,"
            guard source.hasPrefix(prefix) else { throw TestFailure("\(path) is not a base64 data URL") }
            let payload = Array(try Data(base64Encoded: String(source.dropFirst(prefix.count))).orThrow("\(path) is not base64"))
            files[path] = entry[path: ["contents", "compression"]] == "gzip" ? try gunzip(payload) : payload
        }
    }
    return files
}

/// The text of the file rendered at `path`.
func renderedText(_ userData: UserData, at path: String) throws -> String {
    String(decoding: try renderedFiles(userData)[path].orThrow("no file \(path)"), as: UTF8.self)
}

/// The cloud-config (unpacked when compressed) or Ignition document.
func decodedDocument(_ userData: UserData) throws -> JSONValue {
    let bytes = userData.compressed && userData.format == .cloudConfig ? try gunzip(userData.bytes) : userData.bytes
    return try YAMLDocuments.decode(String(decoding: bytes, as: UTF8.self)).first.orThrow("empty user data")
}
