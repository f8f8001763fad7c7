/// Names Cluster API core defines: its API group, version and the labels and annotations of
/// the provider contract.
public enum ClusterAPIGroup {
    /// `cluster.x-k8s.io`
    public static let group = "cluster.x-k8s.io"
    /// The version Mothership reads and writes CAPI core objects in (the storage version of v1.14).
    public static let version = "v1beta2"
    /// Label naming the Cluster an object belongs to.
    public static let clusterNameLabel = "cluster.x-k8s.io/cluster-name"
    /// Annotation that pauses reconciliation of one object.
    public static let pausedAnnotation = "cluster.x-k8s.io/paused"
}
