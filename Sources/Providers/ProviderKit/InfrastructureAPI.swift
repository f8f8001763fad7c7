/// The API group every machine provider's kinds share (`VSphereMachine`, `SSHHost`, …), served as
/// `v1beta1` under the CAPI v1beta2 contract.
public enum InfrastructureAPI {
    /// `infrastructure.mothership.dev`
    public static let group = "infrastructure.mothership.dev"
    /// The served and stored version of our own kinds.
    public static let version = "v1beta1"
    /// The clusterctl provider label value: `cluster.x-k8s.io/provider=infrastructure-mothership`.
    public static let providerLabel = "infrastructure-mothership"
    /// The CRD label saying which of our versions implement the CAPI v1beta2 contract
    /// (`cluster.x-k8s.io/v1beta2: v1beta1`), through which CAPI resolves references.
    public static let contractLabel = "cluster.x-k8s.io/v1beta2"
}
