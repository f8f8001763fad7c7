/// The bash script every format runs once on first boot: load the proxy, install the node
/// software per the install method, check its version, join, and touch the Cluster API success
/// sentinel. `set -euo pipefail`, so the first failing step stops it and the sentinel stays absent.
struct BootstrapScript {
    var plan: BootstrapPlan

    var text: String {
        var sections = [header]
        if plan.proxy != nil { sections.append(proxy) }
        sections += [install, versionCheck, join, success]
        return sections.joined(separator: "\n\n") + "\n"
    }

    /// `k0s` or `kubeadm`, as the script names the node software.
    var software: String { plan.flavor.rawValue }

    private var header: String {
        """
        #!/bin/bash
        # Mothership worker bootstrap: installs \(software) \(plan.version) and joins this machine to its cluster.
        set -euo pipefail
        export PATH="\(NodePaths.binDirectory):$PATH"
        """
    }

    private var proxy: String {
        var lines = [
            "# Use the proxy for downloads, and hand it to the services that pull images and reach the API server.",
            "set -a",
            ". \(NodePaths.proxyEnvironment)",
            "set +a",
        ]
        if plan.flavor == .kubeadm { lines += ["systemctl daemon-reload", "systemctl try-restart containerd.service"] }
        return lines.joined(separator: "\n")
    }

    private var versionCheck: String {
        let command =
            switch plan.flavor {
            case .k0s: "k0s version"
            case .kubeadm: "kubeadm version -o short"
            }
        return """
            # The installed \(software) must be the version the Machine asks for.
            installed_version="$(\(command))"
            if [ "$installed_version" != \(plan.version.shellQuoted) ]; then
              echo "expected \(software) \(plan.version) but found $installed_version" >&2
              exit 1
            fi
            """
    }

    private var success: String {
        """
        # Tell Cluster API the bootstrap succeeded.
        mkdir -p \(NodePaths.successSentinel.parentDirectory)
        touch \(NodePaths.successSentinel)
        """
    }
}
