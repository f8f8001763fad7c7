/// What every format puts on the machine: the plan's files followed by the ones the renderer
/// generates (the bootstrap script, the join material, proxy and kubelet units, and for Ignition
/// what cloud-init would otherwise do), and the commands to run in order.
struct NodeSetup {
    /// Every file to write, each path once.
    var files: [BootstrapPlan.File]
    /// The plan's pre-commands, the bootstrap script, the plan's post-commands.
    var commands: [String]

    init(_ plan: BootstrapPlan) throws(UserDataError) {
        try plan.validate()
        let version = try NodeVersion(plan.version, flavor: plan.flavor)
        let endpoint = try APIServerEndpoint(plan.join.apiServerEndpoint)
        let ca = try CACertificate(pem: plan.join.caCertificatePEM)
        commands = plan.preCommands + [NodePaths.bootstrapScript] + plan.postCommands

        var generated = [Self.rootFile(NodePaths.bootstrapScript, BootstrapScript(plan: plan).text, mode: "0700")]
        switch plan.flavor {
        case .k0s:
            let token = try K0sJoinToken.encode(endpoint: endpoint, ca: ca, token: plan.join.token)
            generated.append(Self.rootFile(NodePaths.k0sJoinToken, token, mode: "0600"))
        case .kubeadm:
            let configuration = try KubeadmJoinConfiguration.render(plan, version: version, endpoint: endpoint, ca: ca)
            generated.append(Self.rootFile(NodePaths.kubeadmJoinConfiguration, configuration, mode: "0600"))
            if plan.install != .preinstalled { generated += KubeletUnit.files }
        }
        generated += plan.proxy?.files(for: plan.flavor) ?? []
        if plan.format == .ignition { generated += Self.ignitionFiles(plan, commands: commands) }
        files = plan.files + generated

        var paths = Set<String>()
        for file in files where !paths.insert(file.path).inserted { throw .duplicateFilePath(file.path) }
    }

    /// A file owned by root with `mode`.
    static func rootFile(_ path: String, _ content: String, mode: String) -> BootstrapPlan.File {
        BootstrapPlan.File(path: path, content: content, permissions: mode, owner: "root:root")
    }

    /// Ignition has no runcmd or NTP module: a script runs the commands in order (stopping at the
    /// first failure, then marking the bootstrap done so a reboot does not repeat it), and
    /// systemd-timesyncd gets the NTP servers.
    private static func ignitionFiles(_ plan: BootstrapPlan, commands: [String]) -> [BootstrapPlan.File] {
        let script = """
            #!/bin/bash
            # Runs the Machine's commands around the Mothership bootstrap script, as cloud-init's runcmd would.
            set -e
            \(commands.joined(separator: "\n"))
            mkdir -p \(NodePaths.bootstrapDone.parentDirectory)
            touch \(NodePaths.bootstrapDone)

            """
        var files = [rootFile(NodePaths.commandsScript, script, mode: "0700")]
        if !plan.ntpServers.isEmpty {
            let timesyncd = "[Time]\nNTP=\(plan.ntpServers.joined(separator: " "))\n"
            files.append(rootFile(NodePaths.timesyncdDropIn, timesyncd, mode: "0644"))
        }
        return files
    }
}
