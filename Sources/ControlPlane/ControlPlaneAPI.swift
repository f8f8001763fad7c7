/// The API group of the hosted control-plane provider: `HostedControlPlane` and
/// `HostedControlPlaneTemplate` live here, served as `v1beta1` under the CAPI v1beta2 contract.
public enum ControlPlaneAPI {
    /// `controlplane.mothership.dev`
    public static let group = "controlplane.mothership.dev"
    /// The served and stored version of our own kinds.
    public static let version = "v1beta1"
    /// The clusterctl provider label value: `cluster.x-k8s.io/provider=control-plane-mothership`.
    public static let providerLabel = "control-plane-mothership"
}
