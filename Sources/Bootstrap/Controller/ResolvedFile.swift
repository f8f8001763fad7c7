import Foundation
import KubeKit

/// A WorkerConfig file with its content in hand: inline, or read from a Secret or ConfigMap
/// key in the WorkerConfig's namespace.
struct ResolvedFile: Sendable, Hashable {
    var file: WorkerConfig.File
    var content: Sensitive<String>

    /// Resolves `files`, checking paths first: absolute, without `..`. (The CRD already refuses
    /// a path given twice.)
    static func resolve(_ files: [WorkerConfig.File], namespace: String, client: KubeClient) async throws(FileError) -> [ResolvedFile] {
        for file in files where !file.path.hasPrefix("/") || file.path.split(separator: "/").contains("..") {
            throw .invalidPath(file.path)
        }
        var resolved: [ResolvedFile] = []
        for file in files {
            let content: String
            switch (file.content, file.contentFrom?.secret, file.contentFrom?.configMap) {
            case (let inline?, nil, nil):
                content = inline
            case (nil, let key?, nil):
                content = try await read(secret: key, namespace: namespace, client: client, path: file.path)
            case (nil, nil, let key?):
                content = try await read(configMap: key, namespace: namespace, client: client, path: file.path)
            default:
                throw .ambiguousSource(file.path)
            }
            resolved.append(ResolvedFile(file: file, content: Sensitive(content)))
        }
        return resolved
    }

    private static func read(secret key: WorkerConfig.KeyReference, namespace: String, client: KubeClient, path: String) async throws(FileError) -> String {
        let source = "Secret \(namespace)/\(key.name) key \(key.key)"
        do {
            let secret = try await client.get(Secret.self, name: key.name, namespace: namespace)
            guard let data = secret.data?[key.key], let text = String(data: data, encoding: .utf8) else { throw FileError.missingSource(path: path, source: source) }
            return text
        } catch let error as FileError {
            throw error
        } catch let error as KubeError where error.code == .notFound {
            throw .missingSource(path: path, source: source)
        } catch {
            throw .unreadableSource(path: path, source: source, reason: "\(error)")
        }
    }

    private static func read(configMap key: WorkerConfig.KeyReference, namespace: String, client: KubeClient, path: String) async throws(FileError) -> String {
        let source = "ConfigMap \(namespace)/\(key.name) key \(key.key)"
        do {
            let configMap = try await client.get(ConfigMap.self, name: key.name, namespace: namespace)
            guard let text = configMap.data?[key.key] else { throw FileError.missingSource(path: path, source: source) }
            return text
        } catch let error as FileError {
            throw error
        } catch let error as KubeError where error.code == .notFound {
            throw .missingSource(path: path, source: source)
        } catch {
            throw .unreadableSource(path: path, source: source, reason: "\(error)")
        }
    }
}

/// A WorkerConfig file that cannot be written. Names the file and its source, never content.
enum FileError: Error, Sendable, Hashable, CustomStringConvertible {
    case invalidPath(String)
    case ambiguousSource(String)
    case missingSource(path: String, source: String)
    case unreadableSource(path: String, source: String, reason: String)

    var description: String {
        switch self {
        case .invalidPath(let path): return "file path \(path) is not absolute or contains '..'"
        case .ambiguousSource(let path): return "file \(path) needs exactly one of content, contentFrom.secret and contentFrom.configMap"
        case .missingSource(let path, let source): return "file \(path): \(source) does not exist"
        case .unreadableSource(let path, let source, let reason): return "file \(path): cannot read \(source): \(reason)"
        }
    }

    /// Whether only the user can fix it (retrying the same spec cannot help).
    var isTerminal: Bool {
        switch self {
        case .invalidPath, .ambiguousSource: return true
        case .missingSource, .unreadableSource: return false
        }
    }
}
