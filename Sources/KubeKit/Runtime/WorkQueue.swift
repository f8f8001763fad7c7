import Metrics

/// A work queue of keys for a controller's workers, with the guarantees of
/// ``WorkQueueState``, delayed and rate-limited adds, and waiting for work. Shut down, it hands
/// out nothing more and wakes every waiting worker with nil.
public actor WorkQueue<Key: Hashable & Sendable> {
    private var state: WorkQueueState<Key>
    private let metrics: WorkQueueMetrics
    private var waiters: [CheckedContinuation<Key?, Never>] = []
    private var timer: (due: ContinuousClock.Instant, task: Task<Void, Never>)?
    private var isShutDown = false

    /// A queue reporting `workqueue_depth`, `workqueue_adds_total` and `workqueue_retries_total`
    /// as `name` to `metricsFactory`.
    public init(name: String, backoff: ItemBackoff = ItemBackoff(), metricsFactory: any MetricsFactory = MetricsSystem.factory) {
        state = WorkQueueState(backoff: backoff)
        metrics = WorkQueueMetrics(name: name, factory: metricsFactory)
    }

    /// Keys ready to be handed out (the queue depth).
    public var depth: Int { state.readyCount }
    /// Keys being processed now.
    public var processingCount: Int { state.processing.count }
    /// Failures in a row of `key` since its last success.
    public func failureCount(_ key: Key) -> Int { state.failureCount(key) }

    /// Queues `key` now.
    public func add(_ key: Key, priority: QueuePriority = .high) {
        guard !isShutDown else { return }
        metrics.adds.increment()
        if state.add(key, priority: priority) { wakeWaiters() }
    }

    /// Queues `key` after `delay`.
    public func add(_ key: Key, after delay: Duration) {
        guard !isShutDown else { return }
        metrics.adds.increment()
        if state.add(key, after: delay, now: .now) { wakeWaiters() }
        scheduleTimer()
    }

    /// Queues `key` after its back-off delay (one more failure); returns the delay.
    @discardableResult
    public func addRateLimited(_ key: Key) -> Duration {
        guard !isShutDown else { return .zero }
        metrics.retries.increment()
        let delay = state.addRateLimited(key, now: .now)
        scheduleTimer()
        return delay
    }

    /// Resets the back-off of `key`.
    public func forget(_ key: Key) { state.forget(key) }

    /// The next key to work on, waiting until there is one; nil once the queue is shut down.
    /// Call ``done(_:)`` when finished with it.
    public func next() async -> Key? {
        if isShutDown { return nil }
        if let key = state.next() {
            reportDepth()
            return key
        }
        return await withCheckedContinuation { waiters.append($0) }
    }

    /// Marks `key` done; if it was added meanwhile, it is queued again.
    public func done(_ key: Key) {
        if state.done(key) { wakeWaiters() }
    }

    /// Stops handing out keys and wakes all waiting workers with nil.
    public func shutDown() {
        isShutDown = true
        timer?.task.cancel()
        timer = nil
        let waiting = waiters
        waiters.removeAll()
        for waiter in waiting { waiter.resume(returning: nil) }
    }

    private func wakeWaiters() {
        while !waiters.isEmpty, let key = state.next() {
            waiters.removeFirst().resume(returning: key)
        }
        reportDepth()
    }

    private func reportDepth() { metrics.depth.record(state.readyCount) }

    private func scheduleTimer() {
        guard let due = state.promoteDue(now: .now) else {
            wakeWaiters()
            return
        }
        wakeWaiters()
        if let timer, timer.due <= due { return }
        timer?.task.cancel()
        timer = (due, Task { [weak self] in
            try? await Task.sleep(until: due, clock: .continuous)
            guard !Task.isCancelled else { return }
            await self?.timerFired()
        })
    }

    private func timerFired() {
        timer = nil
        scheduleTimer()
    }
}
