import KubeKit

/// The clusterctl components YAML of one provider: exactly one Namespace, the CRDs of its
/// kinds, a ServiceAccount, least-privilege RBAC, and the manager Deployment — every object
/// labelled `cluster.x-k8s.io/provider`, with `${VAR:=default}` variables for what users
/// tune at `clusterctl init`.
struct ProviderComponents {
    /// The CAPI contract the CRDs declare through the `cluster.x-k8s.io/v1beta2` label: our
    /// kinds' version that implements it.
    static let contractLabel = ("cluster.x-k8s.io/v1beta2", "v1beta1")

    let provider: ProviderType
    /// The manager image; a variable with the released image as its default.
    let image: String

    init(provider: ProviderType, image: String = "${MOTHERSHIP_IMAGE:=ghcr.io/mothership-dev/mothership:v\(releaseVersion)}") {
        self.provider = provider
        self.image = image
    }

    /// The objects, in the order `kubectl apply` needs them.
    func objects() -> [JSONValue] {
        let objects = [namespace()] + customResourceDefinitions() + [serviceAccount()] + rbac() + [deployment()]
        return objects.map(labelled)
    }

    /// The CRDs of the provider's kinds, carrying the contract label.
    func customResourceDefinitions() -> [JSONValue] {
        provider.kinds.map { kind in
            var crd = kind.customResourceDefinition()
            var labels = crd[path: ["metadata", "labels"]] ?? [:]
            labels[Self.contractLabel.0] = .string(Self.contractLabel.1)
            crd["metadata"]?["labels"] = labels
            return crd
        }
    }

    private func namespace() -> JSONValue {
        ["apiVersion": "v1", "kind": "Namespace", "metadata": ["name": .string(provider.namespace)]]
    }

    private func serviceAccount() -> JSONValue {
        [
            "apiVersion": "v1", "kind": "ServiceAccount",
            "metadata": ["name": .string(serviceAccountName), "namespace": .string(provider.namespace)],
        ]
    }

    var serviceAccountName: String { "\(provider.prefix)-manager" }

    private func labelled(_ object: JSONValue) -> JSONValue {
        var object = object
        var labels = object[path: ["metadata", "labels"]] ?? [:]
        labels["cluster.x-k8s.io/provider"] = .string(provider.providerLabel)
        object["metadata"]?["labels"] = labels
        return object
    }
}
