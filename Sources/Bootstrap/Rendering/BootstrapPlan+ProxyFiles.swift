extension BootstrapPlan.Proxy {
    /// The systemd services that reach the network for the node: the container runtime and the
    /// kubelet for kubeadm; the k0s worker for k0s (its containerd and kubelet inherit from it).
    static func services(for flavor: BootstrapPlan.Flavor) -> [String] {
        switch flavor {
        case .k0s: ["k0sworker.service"]
        case .kubeadm: ["containerd.service", "kubelet.service"]
        }
    }

    /// A root-only environment file (both spellings of each variable, as tools disagree on case)
    /// that the bootstrap script sources, plus a drop-in per service that loads it.
    func files(for flavor: BootstrapPlan.Flavor) -> [BootstrapPlan.File] {
        let variables = [
            ("HTTP_PROXY", httpProxy), ("HTTPS_PROXY", httpsProxy), ("NO_PROXY", noProxy.isEmpty ? nil : noProxy.joined(separator: ",")),
        ]
        let lines = variables.flatMap { name, value in
            value.map { ["\(name)=\($0)", "\(name.lowercased())=\($0)"] } ?? []
        }
        let environment = BootstrapPlan.File(
            path: NodePaths.proxyEnvironment, content: lines.map { $0 + "\n" }.joined(), permissions: "0600", owner: "root:root")
        let dropIns = Self.services(for: flavor).map { service in
            BootstrapPlan.File(
                path: NodePaths.proxyDropIn(for: service), content: "[Service]\nEnvironmentFile=\(NodePaths.proxyEnvironment)\n",
                permissions: "0644", owner: "root:root")
        }
        return [environment] + dropIns
    }
}
