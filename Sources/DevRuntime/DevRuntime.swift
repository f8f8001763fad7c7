/// Dev mode's stand-in for a node of the management cluster: on a machine whose management API
/// server has no kubelet of its own, it runs the Pods bound to its Node as local processes (each
/// Pod in network and mount namespaces of its own, its volumes placed where its containers expect
/// them), reports their status back as a kubelet would, and gives LoadBalancer Services a
/// loopback address. Used by `mothership dev` only; production management clusters have kubelets.
///
/// The entry point is ``DevNode``; ``DevNodeOptions`` holds its settings and ``ImageResolver``
/// says which local executable stands in for each container image. It is generic: it knows
/// nothing of Mothership's kinds and runs whatever Pods are bound to its Node.
public enum DevRuntime {}
