import Foundation
import KubeKit

/// Materialises a Pod's volumes as directories under the pod's directory, as the kubelet's
/// volume plugins do: Secret and ConfigMap keys (all, or the `items` chosen) as files with
/// `defaultMode`/`mode`, `emptyDir` as an empty directory, `downwardAPI` fields as files,
/// `projected` as the union of its sources, `hostPath` as the existing host path. Kinds that need
/// storage (PersistentVolumeClaims) or a token issuer (`serviceAccountToken`) are refused with an
/// error naming the volume.
struct PodVolumes {
    let client: KubeClient
    let pod: Pod
    let podIP: String
    let hostIP: String
    /// `<pod directory>/volumes`.
    let directory: String

    /// Writes every volume and returns the host path of each, by volume name.
    func materialise() async throws -> [String: String] {
        var paths: [String: String] = [:]
        for volume in pod.spec?.volumes ?? [] {
            paths[volume.name] = try await materialise(volume)
        }
        return paths
    }

    private func materialise(_ volume: Volume) async throws -> String {
        if let hostPath = volume.hostPath {
            guard FileManager.default.fileExists(atPath: hostPath.path) else {
                throw DevRuntimeError(.volume, "volume \(volume.name): host path \(hostPath.path) does not exist (the dev runtime never creates host paths)")
            }
            return hostPath.path
        }
        let path = "\(directory)/\(volume.name)"
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        var files: [VolumeFile] = []
        if let secret = volume.secret {
            files = try await secretFiles(
                name: secret.secretName ?? "", items: secret.items, mode: secret.defaultMode, optional: secret.optional, volume: volume.name)
        } else if let configMap = volume.configMap {
            files = try await configMapFiles(
                name: configMap.name ?? "", items: configMap.items, mode: configMap.defaultMode, optional: configMap.optional,
                volume: volume.name)
        } else if volume.emptyDir != nil {
            files = []
        } else if let downwardAPI = volume.downwardAPI {
            files = try downwardAPIFiles(downwardAPI.items ?? [], mode: downwardAPI.defaultMode, volume: volume.name)
        } else if let projected = volume.projected {
            for source in projected.sources ?? [] {
                files += try await projectedFiles(source, mode: projected.defaultMode, volume: volume.name)
            }
        } else if volume.persistentVolumeClaim != nil {
            throw DevRuntimeError(.volume, "volume \(volume.name): PersistentVolumeClaims are not supported by the dev runtime")
        } else {
            throw DevRuntimeError(.volume, "volume \(volume.name): its source kind is not supported by the dev runtime")
        }
        for file in files { try write(file, into: path, volume: volume.name) }
        return path
    }

    private func projectedFiles(_ source: ProjectedVolumeSource.Projection, mode: Int32?, volume: String) async throws -> [VolumeFile] {
        if let secret = source.secret {
            return try await secretFiles(name: secret.name ?? "", items: secret.items, mode: mode, optional: secret.optional, volume: volume)
        }
        if let configMap = source.configMap {
            return try await configMapFiles(
                name: configMap.name ?? "", items: configMap.items, mode: mode, optional: configMap.optional, volume: volume)
        }
        if let downwardAPI = source.downwardAPI {
            return try downwardAPIFiles(downwardAPI.items ?? [], mode: mode, volume: volume)
        }
        throw DevRuntimeError(.volume, "volume \(volume): projected source kind (e.g. serviceAccountToken) is not supported by the dev runtime")
    }

    private func secretFiles(name: String, items: [KeyToPath]?, mode: Int32?, optional: Bool?, volume: String) async throws -> [VolumeFile] {
        let secret: Secret
        do {
            secret = try await client.get(Secret.self, name: name, namespace: pod.metadata.namespace)
        } catch let error as KubeError where error.code == .notFound {
            if optional == true { return [] }
            throw DevRuntimeError(.volume, "volume \(volume): secret \"\(name)\" not found")
        }
        return try select(secret.data ?? [:], items: items, mode: mode, optional: optional, what: "secret \"\(name)\"", volume: volume)
    }

    private func configMapFiles(name: String, items: [KeyToPath]?, mode: Int32?, optional: Bool?, volume: String) async throws -> [VolumeFile] {
        let configMap: ConfigMap
        do {
            configMap = try await client.get(ConfigMap.self, name: name, namespace: pod.metadata.namespace)
        } catch let error as KubeError where error.code == .notFound {
            if optional == true { return [] }
            throw DevRuntimeError(.volume, "volume \(volume): configmap \"\(name)\" not found")
        }
        var data = configMap.binaryData ?? [:]
        for (key, value) in configMap.data ?? [:] { data[key] = Data(value.utf8) }
        return try select(data, items: items, mode: mode, optional: optional, what: "configmap \"\(name)\"", volume: volume)
    }

    /// The files for `data`: every key at its own name, or only `items` at their paths.
    private func select(
        _ data: [String: Data], items: [KeyToPath]?, mode: Int32?, optional: Bool?, what: String, volume: String
    ) throws -> [VolumeFile] {
        let defaultMode = mode ?? 0o644
        guard let items, !items.isEmpty else {
            return data.keys.sorted().map { VolumeFile(path: $0, content: data[$0] ?? Data(), mode: defaultMode) }
        }
        return try items.compactMap { item in
            guard let content = data[item.key] else {
                if optional == true { return nil }
                throw DevRuntimeError(.volume, "volume \(volume): \(what) has no key \"\(item.key)\"")
            }
            return VolumeFile(path: item.path, content: content, mode: item.mode ?? defaultMode)
        }
    }

    private func downwardAPIFiles(_ items: [DownwardAPIVolumeSource.File], mode: Int32?, volume: String) throws -> [VolumeFile] {
        try items.map { item in
            guard let fieldPath = item.fieldRef?.fieldPath else {
                throw DevRuntimeError(.volume, "volume \(volume): downwardAPI item \(item.path) needs a fieldRef (resourceFieldRef is not supported)")
            }
            let value: String
            switch fieldPath {
            case "metadata.labels": value = Self.formatMap(pod.metadata.labels ?? [:])
            case "metadata.annotations": value = Self.formatMap(pod.metadata.annotations ?? [:])
            default: value = try PodFields(pod: pod, podIP: podIP, hostIP: hostIP).value(of: fieldPath)
            }
            return VolumeFile(path: item.path, content: Data(value.utf8), mode: item.mode ?? mode ?? 0o644)
        }
    }

    /// `key="value"` lines, sorted, values escaped as Go's `%q`-like quoting the kubelet uses.
    private static func formatMap(_ map: [String: String]) -> String {
        map.keys.sorted().map { key in
            let value = (map[key] ?? "").replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"")
                .replacingOccurrences(of: "\n", with: "\\n")
            return "\(key)=\"\(value)\""
        }.joined(separator: "\n")
    }

    private func write(_ file: VolumeFile, into directory: String, volume: String) throws {
        let components = file.path.split(separator: "/", omittingEmptySubsequences: false)
        guard !file.path.isEmpty, !file.path.hasPrefix("/"), !components.contains(".."), !components.contains("") else {
            throw DevRuntimeError(.volume, "volume \(volume): item path \(file.path) must be relative without '..'")
        }
        let target = "\(directory)/\(file.path)"
        try FileManager.default.createDirectory(
            atPath: (target as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        let temporary = target + ".tmp-\(UUID().uuidString.prefix(8))"
        guard FileManager.default.createFile(atPath: temporary, contents: file.content, attributes: [.posixPermissions: Int(file.mode & 0o777)]) else {
            throw DevRuntimeError(.volume, "volume \(volume): cannot write \(file.path)")
        }
        _ = rename(temporary, target)
    }
}

/// One file of a volume: where inside it, what it holds, its permission bits.
struct VolumeFile {
    var path: String
    var content: Data
    var mode: Int32
}
