import KubeKit

/// The kubeadm `JoinConfiguration` for a worker: discovery through the bootstrap token with the
/// cluster CA's public key pinned, and the node's labels (as the kubelet's `--node-labels`),
/// extra kubelet args and taints. Each Kubernetes version gets the newest kubeadm API it reads:
/// `kubeadm.k8s.io/v1beta4` from 1.31 (kubelet args as a list of name/value pairs), `v1beta3`
/// from 1.22, `v1beta2` before (both with kubelet args as a map, otherwise the same fields).
enum KubeadmJoinConfiguration {
    static func render(
        _ plan: BootstrapPlan, version: NodeVersion, endpoint: APIServerEndpoint, ca: CACertificate
    ) throws(UserDataError) -> String {
        let v1beta4 = version.isAtLeast(1, 31)
        let apiVersion = v1beta4 ? "v1beta4" : version.isAtLeast(1, 22) ? "v1beta3" : "v1beta2"
        var kubeletArgs = plan.sortedKubeletExtraArgs
        if !plan.nodeLabels.isEmpty {
            kubeletArgs.append((name: "node-labels", value: plan.nodeLabelsList))
            kubeletArgs.sort { $0.name < $1.name }
        }
        var nodeRegistration: [String: JSONValue] = [:]
        if !kubeletArgs.isEmpty {
            nodeRegistration["kubeletExtraArgs"] =
                v1beta4
                ? .array(kubeletArgs.map { ["name": .string($0.name), "value": .string($0.value)] })
                : .object(Dictionary(uniqueKeysWithValues: kubeletArgs.map { ($0.name, .string($0.value)) }))
        }
        if !plan.taints.isEmpty {
            nodeRegistration["taints"] = .array(
                plan.taints.map { taint in
                    var fields: [String: JSONValue] = ["key": .string(taint.key), "effect": .string(taint.effect)]
                    if let value = taint.value { fields["value"] = .string(value) }
                    return .object(fields)
                })
        }
        let document: JSONValue = [
            "apiVersion": .string("kubeadm.k8s.io/\(apiVersion)"),
            "kind": "JoinConfiguration",
            "discovery": [
                "bootstrapToken": [
                    "apiServerEndpoint": .string(endpoint.hostPort),
                    "token": .string(plan.join.token.value),
                    "caCertHashes": [.string(ca.publicKeyPin)],
                ]
            ],
            "nodeRegistration": .object(nodeRegistration),
        ]
        return try YAML.encode(document)
    }
}
