import KubeKit

/// A `#cloud-config` document: `write_files` for every file, `runcmd` for the commands, and the
/// default user's SSH keys and NTP servers when the plan has any.
enum CloudConfig {
    static func render(_ setup: NodeSetup, _ plan: BootstrapPlan) throws(UserDataError) -> [UInt8] {
        var document: [String: JSONValue] = [
            "write_files": .array(setup.files.map(writeFile)),
            "runcmd": .array(setup.commands.map(JSONValue.string)),
        ]
        if !plan.sshAuthorizedKeys.isEmpty { document["ssh_authorized_keys"] = .array(plan.sshAuthorizedKeys.map(JSONValue.string)) }
        if !plan.ntpServers.isEmpty { document["ntp"] = ["enabled": true, "servers": .array(plan.ntpServers.map(JSONValue.string))] }
        return Array(("#cloud-config\n" + (try YAML.encode(.object(document)))).utf8)
    }

    private static func writeFile(_ file: BootstrapPlan.File) -> JSONValue {
        var entry: [String: JSONValue] = ["path": .string(file.path), "content": .string(file.content)]
        if let permissions = file.permissions { entry["permissions"] = .string(permissions) }
        if let owner = file.owner { entry["owner"] = .string(owner) }
        switch file.encoding {
        case .plain: break
        case .base64: entry["encoding"] = "b64"
        case .gzipBase64: entry["encoding"] = "gz+b64"
        }
        return .object(entry)
    }
}
