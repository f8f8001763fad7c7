import KubeKit

extension ControlPlaneManifests {
    /// An object to apply and where it lives.
    public struct Manifest: Sendable {
        public var object: UnstructuredObject
        public var resource: ResourceDescriptor
    }

    /// Every generated object except Secrets and the Service, in the order they are applied:
    /// the managed etcd (its Service first), the control-plane StatefulSet, the
    /// PodDisruptionBudget.
    public func workloads() -> [Manifest] {
        var manifests: [Manifest] = []
        if let etcd = etcdStatefulSet() {
            manifests.append(Manifest(object: etcdService(), resource: ManifestResources.service))
            manifests.append(Manifest(object: etcd, resource: ManifestResources.statefulSet))
        }
        manifests.append(Manifest(object: controlPlaneStatefulSet(), resource: ManifestResources.statefulSet))
        manifests.append(Manifest(object: podDisruptionBudget(), resource: ManifestResources.podDisruptionBudget))
        return manifests
    }
}
