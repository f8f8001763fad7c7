import KubeKit

extension KubeObject {
    /// The name of the Cluster this object belongs to, from its `cluster.x-k8s.io/cluster-name`
    /// label; nil while the label is missing or empty (a controller then waits, it does not fail).
    public var clusterName: String? {
        guard let name = metadata.labels?[ClusterAPIGroup.clusterNameLabel], !name.isEmpty else { return nil }
        return name
    }

    /// The owner reference to the Machine this object belongs to (an infrastructure machine or a
    /// bootstrap config is owned by its Machine): the controller reference if it is a Machine,
    /// else the first owner reference of kind `Machine` in `cluster.x-k8s.io`, of any version. Nil
    /// until CAPI core has set it.
    public var ownerMachineReference: OwnerReference? {
        let machines = metadata.ownerReferences?.filter { $0.refers(to: Machine.resource) } ?? []
        return machines.first { $0.controller == true } ?? machines.first
    }

    /// Whether the object carries the `cluster.x-k8s.io/paused` annotation (with any value).
    public var hasPausedAnnotation: Bool {
        metadata.annotations?[ClusterAPIGroup.pausedAnnotation] != nil
    }

    /// Whether controllers must leave this object alone: its Cluster is paused (`spec.paused`) or
    /// the object carries the `cluster.x-k8s.io/paused` annotation. A paused object is not
    /// reconciled; its controller only reports a `Paused` condition.
    public func isPaused(cluster: Cluster) -> Bool {
        cluster.spec.paused == true || hasPausedAnnotation
    }
}
