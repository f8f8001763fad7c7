/// The version of Mothership's Kubernetes client, sent in the `User-Agent`.
public enum KubeKitVersion {
    public static let current = "0.1.0"
}
