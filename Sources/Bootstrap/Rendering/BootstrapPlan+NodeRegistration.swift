extension BootstrapPlan {
    /// The node labels as `key=value` pairs joined by commas, sorted by key: the form of both the
    /// kubelet's `--node-labels` and `k0s install worker --labels`.
    var nodeLabelsList: String {
        nodeLabels.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: ",")
    }

    /// The kubelet extra args sorted by name.
    var sortedKubeletExtraArgs: [(name: String, value: String)] {
        kubeletExtraArgs.sorted { $0.key < $1.key }.map { (name: $0.key, value: $0.value) }
    }
}

extension BootstrapPlan.Taint {
    /// `key=value:Effect` (or `key:Effect`), as `k0s install worker --taints` takes it.
    var k0sForm: String {
        value.map { "\(key)=\($0):\(effect)" } ?? "\(key):\(effect)"
    }
}
