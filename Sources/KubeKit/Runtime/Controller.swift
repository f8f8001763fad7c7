import Metrics
import Logging

/// Runs one reconciler: events from the informer of its kind (and of the kinds it owns or
/// watches) become keys in a ``WorkQueue``; `concurrency` workers reconcile them, never the
/// same key twice at once, retrying failures with per-item back-off.
public struct Controller<R: Reconciler>: Sendable {
    public typealias Source = @Sendable (WorkQueue<ReconcileRequest>) async -> Void

    /// A name for logs and metrics, e.g. `workerconfig`.
    public let name: String
    public let reconciler: R
    /// Workers reconciling in parallel. Default 10.
    public let concurrency: Int
    public let backoff: ItemBackoff
    private var sources: [Source] = []
    private let logger: Logger

    /// A controller `for` the objects of `informer`, enqueueing each changed object that passes
    /// every predicate.
    public init(
        name: String, for informer: Informer<R.Object>, reconciler: R, predicates: [Predicate<R.Object>] = [],
        concurrency: Int = 10, backoff: ItemBackoff = ItemBackoff(), logger: Logger = Logger(label: "kubekit.controller")
    ) {
        precondition(concurrency > 0, "a controller needs at least one worker")
        self.name = name
        self.reconciler = reconciler
        self.concurrency = concurrency
        self.backoff = backoff
        var logger = logger
        logger[metadataKey: "controller"] = "\(name)"
        self.logger = logger
        sources.append(Self.source(informer, predicates: predicates) { object in [ReconcileRequest(for: object)] })
    }

    /// Also reconcile the controlling owner (of this controller's kind) of changed `O` objects.
    public func owns<O: KubeResource>(_ informer: Informer<O>) -> Controller {
        var copy = self
        let owner = R.Object.resource
        copy.sources.append(Self.source(informer, predicates: []) { object in
            guard let reference = object.metadata.controllerReference, reference.refers(to: owner) else { return [] }
            return [ReconcileRequest(namespace: object.metadata.namespace, name: reference.name)]
        })
        return copy
    }

    /// Also reconcile the objects `map` names for each changed `O` (e.g. a Cluster to all its
    /// WorkerConfigs).
    public func watches<O: KubeResource>(
        _ informer: Informer<O>, map: @escaping @Sendable (O) async -> [ReconcileRequest]
    ) -> Controller {
        var copy = self
        copy.sources.append(Self.source(informer, predicates: [], map: map))
        return copy
    }

    /// Also reconcile the objects a custom event source names: `source` runs while the controller
    /// does and calls `enqueue` for each object to reconcile; it must return when its task is
    /// cancelled. For kinds known only at run time (objects a reference points at), whose changes
    /// no typed ``Informer`` can deliver.
    public func watches(
        source: @escaping @Sendable (_ enqueue: @escaping @Sendable (ReconcileRequest) async -> Void) async -> Void
    ) -> Controller {
        var copy = self
        copy.sources.append { queue in
            await source { request in await queue.add(request, priority: .high) }
        }
        return copy
    }

    private static func source<O: KubeResource>(
        _ informer: Informer<O>, predicates: [Predicate<O>], map: @escaping @Sendable (O) async -> [ReconcileRequest]
    ) -> Source {
        { queue in
            for await event in await informer.subscribe() where predicates.allSatisfy({ $0.accepts(event) }) {
                let priority: QueuePriority
                if case .added(_, initial: true) = event { priority = .low } else { priority = .high }
                for request in await map(event.object) { await queue.add(request, priority: priority) }
            }
        }
    }

    /// Runs until the calling task is cancelled; in-flight reconciles finish first. Metrics go
    /// to `metricsFactory` (see ``Manager`` for their names).
    public func run(metricsFactory: any MetricsFactory = MetricsSystem.factory) async {
        let queue = WorkQueue<ReconcileRequest>(name: name, backoff: backoff, metricsFactory: metricsFactory)
        let metrics = ControllerMetrics(controller: name, factory: metricsFactory)
        await withTaskCancellationHandler {
            await withTaskGroup(of: Void.self) { group in
                for source in sources { group.addTask { await source(queue) } }
                for _ in 0..<concurrency { group.addTask { await self.work(queue, metrics: metrics) } }
                await group.waitForAll()
            }
        } onCancel: {
            Task { await queue.shutDown() }
        }
    }

    private func work(_ queue: WorkQueue<ReconcileRequest>, metrics: ControllerMetrics) async {
        while let request = await queue.next() {
            var logger = self.logger
            logger[metadataKey: "object"] = "\(request)"
            metrics.activeWorkers.increment()
            let start = ContinuousClock.now
            do {
                let result = try await reconciler.reconcile(request)
                await queue.forget(request)
                if case .requeue(let delay) = result {
                    metrics.countReconcile(result: "requeue_after")
                    await queue.add(request, after: delay)
                } else {
                    metrics.countReconcile(result: "success")
                }
            } catch let error as TerminalError {
                await queue.forget(request)
                metrics.countReconcile(result: "terminal_error")
                metrics.terminalErrors.increment()
                logger.error("reconcile failed for good", metadata: ["error": "\(error.message)"])
            } catch {
                metrics.countReconcile(result: "error")
                metrics.errors.increment()
                let delay = await queue.addRateLimited(request)
                logger.info("reconcile failed; retrying", metadata: ["error": "\(error)", "retryIn": "\(delay)"])
            }
            metrics.duration.record(duration: ContinuousClock.now - start)
            metrics.activeWorkers.decrement()
            await queue.done(request)
        }
    }
}
