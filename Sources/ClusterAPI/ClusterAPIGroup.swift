/// Names Cluster API core defines: its API group, version and the labels and annotations of
/// the provider contract.
public enum ClusterAPIGroup {
    /// `cluster.x-k8s.io`
    public static let group = "cluster.x-k8s.io"
    /// The version Mothership reads and writes CAPI core objects in (the storage version of v1.14).
    public static let version = "v1beta2"

    /// Label naming the Cluster an object belongs to; CAPI core and every provider set it, and
    /// controllers find an object's Cluster through it.
    public static let clusterNameLabel = "cluster.x-k8s.io/cluster-name"
    /// Label naming the MachineDeployment a MachineSet or Machine was created by.
    public static let deploymentNameLabel = "cluster.x-k8s.io/deployment-name"
    /// Label naming the MachineSet a Machine was created by.
    public static let setNameLabel = "cluster.x-k8s.io/set-name"
    /// Label marking a Machine (and its Node) as part of the control plane; its value is empty.
    public static let controlPlaneLabel = "cluster.x-k8s.io/control-plane"
    /// Label a MachineDeployment puts on its MachineSets and their Machines: a hash of the
    /// machine template, telling the MachineSets of one revision from another.
    public static let machineTemplateHashLabel = "machine-template-hash"
    /// Label on a provider's components naming the provider, e.g. `infrastructure-mothership`.
    public static let providerLabel = "cluster.x-k8s.io/provider"
    /// Label on a provider's CRDs saying which of its API versions implement the v1beta2
    /// contract, `_`-separated (e.g. `v1beta1` or `v1beta1_v1beta2`); CAPI resolves the version of
    /// a ``ContractVersionedObjectReference`` through it.
    public static let contractVersionLabel = "cluster.x-k8s.io/v1beta2"

    /// Annotation that pauses reconciliation of one object; its value is ignored.
    public static let pausedAnnotation = "cluster.x-k8s.io/paused"
}
