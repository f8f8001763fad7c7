/// Settings of a ``Manager``.
public struct ManagerOptions: Sendable {
    /// Names the manager in logs and metrics, e.g. `mothership`.
    public var name: String
    /// Leader election among replicas; nil: this replica reconciles without electing a leader
    /// (one replica only, or a development run).
    public var leaderElection: LeaderElectionOptions?
    /// Where `/healthz`, `/readyz` and `/metrics` are served; nil: not served.
    public var serveAddress: ServeAddress?
    /// Watch only this namespace (informers' default); nil: all namespaces.
    public var watchNamespace: String?
    /// Cache only objects labelled `cluster.x-k8s.io/watch-filter` with this value (informers'
    /// default), so several managers can share a cluster; nil: all objects.
    public var watchFilter: String?

    public init(
        name: String, leaderElection: LeaderElectionOptions? = nil, serveAddress: ServeAddress? = ServeAddress(host: "0.0.0.0", port: 8081),
        watchNamespace: String? = nil, watchFilter: String? = nil
    ) {
        self.name = name
        self.leaderElection = leaderElection
        self.serveAddress = serveAddress
        self.watchNamespace = watchNamespace
        self.watchFilter = watchFilter
    }

    /// Informer settings scoped to the watch namespace and filter.
    public func informerOptions<Object: KubeResource>(for type: Object.Type) -> Informer<Object>.Options {
        Informer<Object>.Options(
            namespace: Object.resource.namespaced ? watchNamespace : nil,
            labelSelector: watchFilter.map { LabelSelector([.equals("cluster.x-k8s.io/watch-filter", $0)]) })
    }
}

/// Which Lease replicas of a manager compete for, and how.
public struct LeaderElectionOptions: Sendable {
    /// The Lease's name, e.g. `mothership-leader`.
    public var leaseName: String
    /// The Lease's namespace: the manager's own.
    public var namespace: String
    /// Unique per replica, e.g. the pod name plus a random suffix.
    public var identity: String
    /// 15 s lease, 10 s renew deadline, 2 s retry by default.
    public var timing: LeaderElectionTiming

    public init(leaseName: String, namespace: String, identity: String, timing: LeaderElectionTiming = LeaderElectionTiming()) {
        self.leaseName = leaseName
        self.namespace = namespace
        self.identity = identity
        self.timing = timing
    }
}

/// A host and TCP port to listen on; port 0 picks a free one (see ``Manager/servingPort()``).
public struct ServeAddress: Sendable, Hashable {
    public var host: String
    public var port: Int

    public init(host: String, port: Int) {
        self.host = host
        self.port = port
    }
}
