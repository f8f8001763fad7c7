import Foundation

/// Settings of a ``DevNode``. Defaults suit one dev machine: node `mothership-dev`, pods in
/// 10.244.0.0/24 behind bridge `msdev0`, LoadBalancer addresses 127.0.0.100–127.0.0.199.
public struct DevNodeOptions: Sendable {
    /// The Node's name; Pods with `spec.nodeName` equal to it are run.
    public var nodeName: String
    /// Where pod directories (volumes, container logs, network namespace handles) live. Created
    /// with mode 0700; it holds Secret data.
    public var stateDirectory: String
    /// Maps each container image to the local executable that stands in for it.
    public var images: ImageResolver
    /// The pods' network, IPv4 CIDR with a prefix of /16–/30; its first address is the
    /// bridge's (and the Node's `InternalIP`), pods get the following ones.
    public var podCIDR: String
    /// The host bridge the pods' veth pairs attach to (at most 15 characters).
    public var bridgeName: String
    /// Loopback addresses handed to `LoadBalancer` Services, in order (all of 127.0.0.0/8 is
    /// local on Linux, so no address needs configuring).
    public var loadBalancerAddresses: ClosedRange<UInt8>
    /// Balance only the Services of this namespace; nil (the default) balances every
    /// `LoadBalancer` Service of the cluster. One balancer per Service: two runtimes balancing
    /// the same Services would overwrite each other's addresses.
    public var serviceNamespace: String?
    /// Delete the Node object when the runtime stops. Default true.
    public var deleteNodeOnShutdown: Bool
    /// How often the node's Lease is renewed (or, without the Lease API, its status). Default 10 s.
    public var heartbeatInterval: Duration
    /// Longest back-off between restarts of a crashing container; doubles from 10 s as the
    /// kubelet does. Default 300 s.
    public var maximumRestartBackoff: Duration
    /// Shortest restart back-off, the first restart's. Default 10 s.
    public var initialRestartBackoff: Duration
    /// Longest a pod's containers get between SIGTERM and SIGKILL when the runtime stops.
    /// Default 10 s.
    public var shutdownGracePeriod: Duration
    /// The Node's capacity; nil reports this machine's CPUs and memory and 110 pods.
    public var capacity: [String: String]?

    public init(
        nodeName: String = "mothership-dev", stateDirectory: String, images: ImageResolver,
        podCIDR: String = "10.244.0.0/24", bridgeName: String = "msdev0",
        loadBalancerAddresses: ClosedRange<UInt8> = 100...199, serviceNamespace: String? = nil, deleteNodeOnShutdown: Bool = true,
        heartbeatInterval: Duration = .seconds(10), initialRestartBackoff: Duration = .seconds(10),
        maximumRestartBackoff: Duration = .seconds(300), shutdownGracePeriod: Duration = .seconds(10), capacity: [String: String]? = nil
    ) {
        self.nodeName = nodeName
        self.stateDirectory = stateDirectory
        self.images = images
        self.podCIDR = podCIDR
        self.bridgeName = bridgeName
        self.loadBalancerAddresses = loadBalancerAddresses
        self.serviceNamespace = serviceNamespace
        self.deleteNodeOnShutdown = deleteNodeOnShutdown
        self.heartbeatInterval = heartbeatInterval
        self.initialRestartBackoff = initialRestartBackoff
        self.maximumRestartBackoff = maximumRestartBackoff
        self.shutdownGracePeriod = shutdownGracePeriod
        self.capacity = capacity
    }
}
