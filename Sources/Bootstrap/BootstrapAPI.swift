/// The API group of the worker bootstrap provider: `WorkerConfig` and `WorkerConfigTemplate` live
/// here, served as `v1beta1` under the CAPI v1beta2 contract.
public enum BootstrapAPI {
    /// `bootstrap.mothership.dev`
    public static let group = "bootstrap.mothership.dev"
    /// The served and stored version of our own kinds.
    public static let version = "v1beta1"
    /// The clusterctl provider label value: `cluster.x-k8s.io/provider=bootstrap-mothership`.
    public static let providerLabel = "bootstrap-mothership"
}
