import Foundation
import KubeKit

/// The parts of a cloud-config an SSH machine carries out itself, as cloud-init would on first
/// boot: `write_files`, then `runcmd`, in order. Other modules are not applied (a server
/// reached over SSH is already set up).
struct CloudConfig: Sendable, Hashable {
    var writeFiles: [WriteFile]
    var runcmd: [Command]

    /// One `write_files` entry.
    struct WriteFile: Sendable, Hashable {
        var path: String
        /// As given (still encoded).
        var content: String
        /// `b64`/`base64`, `gz`/`gzip`, `gz+b64` (and the other spellings cloud-init accepts), or plain.
        var encoding: Encoding
        /// Octal mode; default `0644`.
        var permissions: String
        /// `user:group`; unset: the login user's.
        var owner: String?
        var append: Bool
    }

    enum Encoding: Sendable, Hashable {
        case plain, base64, gzip, gzipBase64
    }

    /// One `runcmd` entry: a string for `sh -c`, or a list of words executed as they are.
    enum Command: Sendable, Hashable {
        case shell(String)
        case argv([String])
    }

    /// Why user data cannot be carried out.
    struct Invalid: Error, CustomStringConvertible {
        var description: String
    }

    init(writeFiles: [WriteFile] = [], runcmd: [Command] = []) {
        self.writeFiles = writeFiles
        self.runcmd = runcmd
    }

    /// Parses cloud-config user data (`#cloud-config` first line).
    init(parsing data: Data) throws {
        guard data.first != 0x1f else { throw Invalid(description: "gzip-compressed user data is not supported over SSH; render it uncompressed") }
        let text = String(decoding: data, as: UTF8.self)
        guard text.hasPrefix("#cloud-config") else { throw Invalid(description: "user data is not a cloud-config (no #cloud-config first line)") }
        let document: JSONValue
        do {
            document = try YAMLDocuments.decode(text).first ?? [:]
        } catch {
            throw Invalid(description: "user data is not valid YAML")
        }
        var files: [WriteFile] = []
        for (index, entry) in (document["write_files"]?.arrayValue ?? []).enumerated() {
            guard let path = entry["path"]?.stringValue, path.hasPrefix("/") else {
                throw Invalid(description: "write_files[\(index)] has no absolute path")
            }
            let permissions = entry["permissions"]?.stringValue ?? entry["permissions"]?.intValue.map { String($0) } ?? "0644"
            guard permissions.wholeMatch(of: /0?[0-7]{3,4}/) != nil else {
                throw Invalid(description: "write_files[\(index)] (\(path)) has permissions \(permissions), not an octal mode")
            }
            let owner = entry["owner"]?.stringValue
            if let owner, owner.wholeMatch(of: /[A-Za-z0-9_][A-Za-z0-9_.-]*(:[A-Za-z0-9_][A-Za-z0-9_.-]*)?/) == nil {
                throw Invalid(description: "write_files[\(index)] (\(path)) has owner \(owner), not user:group")
            }
            files.append(WriteFile(
                path: path, content: entry["content"]?.stringValue ?? "", encoding: try Self.encoding(entry["encoding"]?.stringValue, index: index),
                permissions: permissions, owner: owner, append: entry["append"]?.boolValue ?? false))
        }
        var commands: [Command] = []
        for (index, entry) in (document["runcmd"]?.arrayValue ?? []).enumerated() {
            if let text = entry.stringValue {
                commands.append(.shell(text))
            } else if let words = entry.arrayValue?.map({ $0.stringValue ?? "" }), !words.isEmpty {
                commands.append(.argv(words))
            } else {
                throw Invalid(description: "runcmd[\(index)] is neither a string nor a list of words")
            }
        }
        self.init(writeFiles: files, runcmd: commands)
    }

    private static func encoding(_ text: String?, index: Int) throws -> Encoding {
        switch text?.lowercased() {
        case nil, "", "text/plain": return .plain
        case "b64", "base64": return .base64
        case "gz", "gzip": return .gzip
        case "gz+b64", "gz+base64", "gzip+b64", "gzip+base64": return .gzipBase64
        case let other?: throw Invalid(description: "write_files[\(index)] has unknown encoding \(other)")
        }
    }
}
