extension BootstrapScript {
    /// Joins with the material the renderer wrote: `k0s install worker` with the token file and the
    /// node's labels, taints and kubelet args, then `k0s start`; or `kubeadm join` with the
    /// `JoinConfiguration`, which carries them itself.
    var join: String {
        switch plan.flavor {
        case .k0s:
            var arguments = ["k0s", "install", "worker", "--token-file", NodePaths.k0sJoinToken]
            if !plan.nodeLabels.isEmpty { arguments += ["--labels", plan.nodeLabelsList] }
            if !plan.taints.isEmpty { arguments += ["--taints", plan.taints.map(\.k0sForm).joined(separator: ",")] }
            if !plan.kubeletExtraArgs.isEmpty {
                arguments += [
                    "--kubelet-extra-args", plan.sortedKubeletExtraArgs.map { "--\($0.name)=\($0.value)" }.joined(separator: " "),
                ]
            }
            return """
                # Join as a k0s worker.
                \(arguments.map(\.shellQuoted).joined(separator: " "))
                k0s start
                """
        case .kubeadm:
            return """
                # Join with kubeadm: discovery through the bootstrap token, with the cluster CA pinned.
                systemctl daemon-reload
                systemctl enable kubelet.service
                kubeadm join --config \(NodePaths.kubeadmJoinConfiguration)
                """
        }
    }
}
