extension ControlPlaneManifests {
    /// The kine release run as the kubeadm flavor's datastore sidecar.
    static let kineTag = "v0.13.5"

    /// `name:tag` from its upstream `registry` (e.g. `registry.k8s.io`), or from
    /// `spec.imageRepository` when set: every image honours the override.
    func image(_ name: String, tag: String, registry: String) -> String {
        let repository = spec.imageRepository.flatMap { $0.isEmpty ? nil : $0 } ?? registry
        return "\(repository)/\(name):\(tag)"
    }

    /// The Kubernetes component images' tag: the version without a distribution suffix.
    var kubernetesTag: String { "v\(version.major).\(version.minor).\(version.patch)" }

    /// The k0s image's tag: `v1.31.2-k0s.0` (image tags cannot hold `+`).
    var k0sTag: String {
        let suffix = version.suffix.isEmpty ? "+k0s.0" : version.suffix
        return "\(kubernetesTag)\(suffix)".replacingOccurrences(of: "+", with: "-")
    }

    /// The etcd release kubeadm pairs with the Kubernetes version.
    var etcdTag: String { version.isAtLeast(1, 22) ? "3.5.16-0" : "3.4.13-0" }
}
