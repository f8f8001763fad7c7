import Foundation

/// An Ignition v3 config: every file under `storage.files` as a `data:` URL, the SSH keys for the
/// `core` user, and a oneshot service that runs the commands script once the network is online.
enum Ignition {
    /// With `compressingFiles`, each file's content is gzip-compressed (`compression: gzip`) to fit
    /// a platform's user-data limit.
    static func render(_ setup: NodeSetup, _ plan: BootstrapPlan, compressingFiles: Bool) throws(UserDataError) -> [UInt8] {
        var files: [IgnitionConfig.File] = []
        for file in setup.files { files.append(try ignitionFile(file, compressing: compressingFiles)) }
        let config = IgnitionConfig(
            passwd: plan.sshAuthorizedKeys.isEmpty
                ? nil : IgnitionConfig.Passwd(users: [IgnitionConfig.User(name: "core", sshAuthorizedKeys: plan.sshAuthorizedKeys)]),
            storage: IgnitionConfig.Storage(files: files),
            systemd: IgnitionConfig.Systemd(units: [
                IgnitionConfig.Unit(name: NodePaths.bootstrapUnit, enabled: true, contents: bootstrapUnit)
            ])
        )
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        do {
            return Array(try encoder.encode(config))
        } catch {
            throw .encodingFailed("JSON")
        }
    }

    private static func ignitionFile(_ file: BootstrapPlan.File, compressing: Bool) throws(UserDataError) -> IgnitionConfig.File {
        var payload = try file.decodedContent
        var gzipped = file.encoding == .gzipBase64
        if compressing, !gzipped {
            payload = try Gzip.compress(payload)
            gzipped = true
        }
        let owner = file.owner?.split(separator: ":", maxSplits: 1).map(String.init) ?? []
        return IgnitionConfig.File(
            path: file.path,
            mode: Int(file.permissions ?? "0644", radix: 8) ?? 0o644,
            overwrite: true,
            contents: IgnitionConfig.Contents(
                source: "data:;base64," + Data(payload).base64EncodedString(), compression: gzipped ? "gzip" : nil),
            user: owner.first.map(IgnitionConfig.Name.init),
            group: owner.dropFirst().first.map(IgnitionConfig.Name.init)
        )
    }

    private static let bootstrapUnit = """
        [Unit]
        Description=Mothership worker bootstrap: install the node software and join the cluster
        Wants=network-online.target
        After=network-online.target
        ConditionPathExists=!\(NodePaths.bootstrapDone)

        [Service]
        Type=oneshot
        RemainAfterExit=yes
        ExecStart=\(NodePaths.commandsScript)

        [Install]
        WantedBy=multi-user.target

        """
}
