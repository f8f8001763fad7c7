/// Names CAPI core's controllers use, which the stand-in uses identically so that objects it
/// wrote look to real CAPI (and to users' tools) exactly like CAPI's own.
enum CoreNames {
    /// Finalizer of Clusters.
    static let clusterFinalizer = "cluster.cluster.x-k8s.io"
    /// Finalizer of MachineDeployments: their MachineSets go first.
    static let machineDeploymentFinalizer = "cluster.x-k8s.io/machinedeployment"
    /// Finalizer of MachineSets: their Machines go first.
    static let machineSetFinalizer = "cluster.x-k8s.io/machineset"
    /// Finalizer of Machines: their infrastructure, bootstrap config and Node go first.
    static let machineFinalizer = "machine.cluster.x-k8s.io"
    /// Annotation marking a Machine to be deleted first when its MachineSet scales down.
    static let deleteMachineAnnotation = "cluster.x-k8s.io/delete-machine"
    /// Annotations CAPI puts on a Node: the Cluster, its namespace and the Machine it belongs to.
    static let nodeClusterNameAnnotation = "cluster.x-k8s.io/cluster-name"
    static let nodeClusterNamespaceAnnotation = "cluster.x-k8s.io/cluster-namespace"
    static let nodeMachineAnnotation = "cluster.x-k8s.io/machine"
    /// Field manager of the stand-in's writes.
    static let fieldManager = "capi-core-stand-in"
}
