import Logging
import Metrics
import Prometheus
import ServiceLifecycle

/// Runs a process's controllers: one shared informer per kind, the controllers themselves
/// (only on the elected leader when leader election is on), Event recorders, and an HTTP
/// endpoint with `/healthz`, `/readyz` (true once every cache has synced) and Prometheus
/// `/metrics`.
///
/// A `Service` of swift-service-lifecycle: in a `ServiceGroup` with `SIGTERM`/`SIGINT` as
/// graceful-shutdown signals it stops on them — in-flight reconciles finish, the lease is
/// handed back, pending Event counts are written. When the lease is lost, reconciling stops at
/// once and ``run()`` throws ``LeaderElectionError/lost(lease:)``: the process should exit and
/// be restarted, as controller-runtime's managers do.
///
/// Metrics, named as controller-runtime's: `controller_runtime_reconcile_total{controller,result}`,
/// `controller_runtime_reconcile_errors_total`, `controller_runtime_terminal_reconcile_errors_total`,
/// `controller_runtime_reconcile_time_seconds` (histogram), `controller_runtime_active_workers`,
/// `workqueue_depth`, `workqueue_adds_total`, `workqueue_retries_total`,
/// `leader_election_master_status`, `process_resident_memory_bytes`, `process_cpu_seconds_total`.
public actor Manager: Service {
    public nonisolated let client: KubeClient
    public nonisolated let options: ManagerOptions
    /// Where this manager's metrics are collected; `/metrics` serves it.
    public nonisolated let metricsRegistry: PrometheusCollectorRegistry
    nonisolated let metricsFactory: PrometheusMetricsFactory
    nonisolated let logger: Logger
    private var informers: [InformerKey: any RunnableInformer] = [:]
    private var controllers: [@Sendable (any MetricsFactory) async -> Void] = []
    private var recorders: [EventRecorder] = []
    private var elector: LeaderElector?
    private var port: Int?
    private var portWaiters: [CheckedContinuation<Int, Never>] = []
    private var started = false

    private struct InformerKey: Hashable {
        var kind: ObjectIdentifier
        var namespace: String?
        var labelSelector: String?
    }

    public init(client: KubeClient, options: ManagerOptions, logger: Logger = Logger(label: "kubekit.manager")) {
        self.client = client
        self.options = options
        self.metricsRegistry = PrometheusCollectorRegistry()
        self.metricsFactory = PrometheusMetricsFactory(registry: metricsRegistry)
        var logger = logger
        logger[metadataKey: "manager"] = "\(options.name)"
        self.logger = logger
    }

    // MARK: building

    /// The informer of `type` shared by every controller of this manager (one per kind,
    /// namespace and label selector), by default scoped to the manager's watch namespace and
    /// filter. Register informers and controllers before ``run()``.
    public func informer<Object: KubeResource>(for type: Object.Type, options: Informer<Object>.Options? = nil) -> Informer<Object> {
        let options = options ?? self.options.informerOptions(for: type)
        let key = InformerKey(kind: ObjectIdentifier(type), namespace: options.namespace, labelSelector: options.labelSelector.map { "\($0)" })
        if let existing = informers[key] as? Informer<Object> { return existing }
        precondition(!started, "informers are registered before the manager runs")
        let informer = Informer<Object>(client: client, options: options, logger: logger)
        informers[key] = informer
        return informer
    }

    /// Adds a controller, run once the manager leads (or at once without leader election).
    public func add<R: Reconciler>(_ controller: Controller<R>) {
        precondition(!started, "controllers are added before the manager runs")
        controllers.append { factory in await controller.run(metricsFactory: factory) }
    }

    /// An Event recorder for `reportingController`, flushed while the manager runs.
    public func eventRecorder(reportingController: String) -> EventRecorder {
        let recorder = EventRecorder(
            client: client, reportingController: reportingController,
            reportingInstance: options.leaderElection?.identity ?? options.name, logger: logger)
        recorders.append(recorder)
        return recorder
    }

    // MARK: state

    /// Whether every informer has synced its cache (what `/readyz` reports).
    public func isReady() async -> Bool {
        for informer in informers.values where !(await informer.hasSynced) { return false }
        return true
    }

    /// Whether this replica reconciles now: it leads, or leader election is off.
    public func isLeading() async -> Bool {
        guard let elector else { return options.leaderElection == nil && started }
        return await elector.isLeader
    }

    /// The TCP port `/healthz`, `/readyz` and `/metrics` are served on, once listening.
    public func servingPort() async -> Int {
        if let port { return port }
        return await withCheckedContinuation { portWaiters.append($0) }
    }

    func serving(on port: Int) {
        self.port = port
        let waiters = portWaiters
        portWaiters.removeAll()
        for waiter in waiters { waiter.resume(returning: port) }
    }

    // MARK: running

    /// Runs until cancelled or gracefully shut down; throws when the lease is lost or the
    /// endpoint cannot listen. On graceful shutdown the HTTP endpoint closes after its
    /// in-flight requests, the rest stops as on cancellation.
    public nonisolated func run() async throws {
        try await withThrowingTaskGroup(of: Void.self) { group in
            if let address = options.serveAddress {
                group.addTask { try await self.serveHTTP(on: address) }
            }
            group.addTask { try await cancelWhenGracefulShutdown { try await self.runControllers() } }
            // Leading ended: on graceful shutdown the endpoint ends by itself; otherwise stop it.
            do {
                try await group.next()
                if !Task.isShuttingDownGracefully { group.cancelAll() }
                try await group.waitForAll()
            } catch {
                group.cancelAll()
                throw error
            }
        }
        logger.info("stopped")
    }

    /// Runs informers and Event recorders, then — once the caches have synced and, with leader
    /// election, this replica leads — the controllers.
    private func runControllers() async throws {
        started = true
        let leaderStatus = options.leaderElection.map {
            Gauge(label: "leader_election_master_status", dimensions: [("name", $0.leaseName)], factory: metricsFactory)
        }
        leaderStatus?.record(0)
        elector = options.leaderElection.map {
            LeaderElector(client: client, leaseName: $0.leaseName, namespace: $0.namespace, identity: $0.identity, timing: $0.timing, logger: logger)
        }
        let informers = Array(self.informers.values), controllers = self.controllers, recorders = self.recorders
        let elector = self.elector, factory = metricsFactory
        logger.info("starting", metadata: ["informers": "\(informers.count)", "controllers": "\(controllers.count)"])
        try await withThrowingTaskGroup(of: Void.self) { group in
            for informer in informers { group.addTask { await informer.run() } }
            for recorder in recorders { group.addTask { await recorder.run() } }
            group.addTask {
                for informer in informers { await informer.waitForSync() }
                // Reconciles until cancelled, even with no controllers: leading ends only by
                // shutdown or a lost lease.
                let reconcile: @Sendable () async -> Void = {
                    await withTaskGroup(of: Void.self) { controllerGroup in
                        for controller in controllers { controllerGroup.addTask { await controller(factory) } }
                        while !Task.isCancelled { try? await Task.sleep(for: .seconds(3600)) }
                    }
                }
                guard let elector else { return await reconcile() }
                defer { leaderStatus?.record(0) }
                try await elector.run {
                    leaderStatus?.record(1)
                    await reconcile()
                }
            }
            defer { group.cancelAll() }
            try await group.next()
        }
    }
}
