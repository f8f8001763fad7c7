import Foundation

/// How a container's volume mounts are placed in its private mount namespace without changing
/// the host: a mount path that exists on the host gets a bind mount over it; one whose parent
/// directories are missing gets a writable overlay (upper layer on a tmpfs private to the
/// namespace) over its nearest existing ancestor, in which the missing directories are created.
/// The result is a shell script run as the container's first step, which then `exec`s the
/// container's program.
///
/// Limits: a mount path whose top-level directory is missing on the host (e.g. `/data` when there
/// is no `/data`) cannot be placed, since `/` itself is not overlaid; host bind mounts inside an
/// overlaid directory (as containers have for `/etc/hosts`) show their underlying files.
struct MountPlan {
    /// One bind mount from a host path onto the mount path.
    struct Bind: Hashable {
        var source: String
        var target: String
        var readOnly: Bool
        var isFile: Bool
    }

    var overlays: [String] = []
    var binds: [Bind] = []

    /// Plans the mounts of `container`, given each volume's host path.
    init(container: Container, volumePaths: [String: String]) throws {
        let mounts = (container.volumeMounts ?? []).sorted { Self.depth($0.mountPath) < Self.depth($1.mountPath) }
        for mount in mounts {
            guard mount.mountPath.hasPrefix("/"), !mount.mountPath.split(separator: "/").contains("..") else {
                throw DevRuntimeError(.containerConfig, "container \(container.name): mountPath \(mount.mountPath) must be absolute without '..'")
            }
            guard let volumePath = volumePaths[mount.name] else {
                throw DevRuntimeError(.containerConfig, "container \(container.name): volumeMount \(mount.name) names no volume of the pod")
            }
            var source = volumePath
            if let subPath = mount.subPath, !subPath.isEmpty {
                guard !subPath.hasPrefix("/"), !subPath.split(separator: "/").contains("..") else {
                    throw DevRuntimeError(.containerConfig, "container \(container.name): subPath \(subPath) must be relative without '..'")
                }
                source += "/" + subPath
                if !FileManager.default.fileExists(atPath: source) {
                    try FileManager.default.createDirectory(atPath: source, withIntermediateDirectories: true)
                }
            }
            var isDirectory: ObjCBool = false
            _ = FileManager.default.fileExists(atPath: source, isDirectory: &isDirectory)
            let target = Self.normalised(mount.mountPath)
            binds.append(Bind(source: source, target: target, readOnly: mount.readOnly ?? false, isFile: !isDirectory.boolValue))
            let placedInsideAnotherMount = binds.dropLast().contains { Self.isAncestor($0.target, of: target) }
            if FileManager.default.fileExists(atPath: target) || placedInsideAnotherMount { continue }
            var ancestor = (target as NSString).deletingLastPathComponent
            while !FileManager.default.fileExists(atPath: ancestor) { ancestor = (ancestor as NSString).deletingLastPathComponent }
            guard ancestor != "/" else {
                throw DevRuntimeError(
                    .containerConfig,
                    "container \(container.name): mountPath \(mount.mountPath) cannot be placed: its top-level directory does not exist on this host")
            }
            guard !ancestor.contains(","), !ancestor.contains(":") else {
                throw DevRuntimeError(.containerConfig, "container \(container.name): cannot overlay \(ancestor) (',' or ':' in its path)")
            }
            if !overlays.contains(where: { $0 == ancestor || Self.isAncestor($0, of: ancestor) }) {
                overlays.removeAll { Self.isAncestor(ancestor, of: $0) }
                overlays.append(ancestor)
            }
        }
    }

    /// The script that makes the mounts (overlay upper layers under `scratch`), changes to
    /// `workingDirectory` and `exec`s its arguments.
    func script(scratch: String, workingDirectory: String) throws -> String {
        let mount = try HostCommand.locate("mount")
        let mkdir = try HostCommand.locate("mkdir")
        let touch = try HostCommand.locate("touch")
        var lines = ["set -e"]
        if !overlays.isEmpty {
            guard !scratch.contains(","), !scratch.contains(":") else {
                throw DevRuntimeError(.configuration, "state directory \(scratch) must not contain ',' or ':'")
            }
            lines.append("\(mount) -t tmpfs -o mode=0700 devruntime-scratch \(quote(scratch))")
            for (index, directory) in overlays.enumerated() {
                let upper = "\(scratch)/\(index)/upper", work = "\(scratch)/\(index)/work"
                lines.append("\(mkdir) -p \(quote(upper)) \(quote(work))")
                lines.append(
                    "\(mount) -t overlay devruntime-overlay -o \(quote("lowerdir=\(directory),upperdir=\(upper),workdir=\(work)")) \(quote(directory))")
            }
        }
        for bind in binds {
            if bind.isFile {
                let parent = (bind.target as NSString).deletingLastPathComponent
                lines.append("[ -e \(quote(bind.target)) ] || { \(mkdir) -p \(quote(parent)) && \(touch) \(quote(bind.target)); }")
            } else {
                lines.append("[ -d \(quote(bind.target)) ] || \(mkdir) -p \(quote(bind.target))")
            }
            lines.append("\(mount) --bind \(quote(bind.source)) \(quote(bind.target))")
            if bind.readOnly { lines.append("\(mount) -o remount,bind,ro \(quote(bind.target))") }
        }
        lines.append("cd \(quote(workingDirectory))")
        lines.append("exec \"$@\"")
        return lines.joined(separator: "\n") + "\n"
    }

    private func quote(_ text: String) -> String { "'" + text.replacingOccurrences(of: "'", with: "'\\''") + "'" }

    private static func depth(_ path: String) -> Int { path.split(separator: "/").count }

    private static func normalised(_ path: String) -> String {
        "/" + path.split(separator: "/").joined(separator: "/")
    }

    private static func isAncestor(_ ancestor: String, of path: String) -> Bool {
        ancestor == "/" || path.hasPrefix(ancestor + "/")
    }
}
