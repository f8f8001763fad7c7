import NIOCore

/// How urgent a queued key is. Keys from an informer's initial list go `low`, so that changes
/// arriving while a start-up flood is worked off are not stuck behind it.
public enum QueuePriority: Int, Sendable, Comparable {
    case low = 0
    case high = 1

    public static func < (lhs: QueuePriority, rhs: QueuePriority) -> Bool { lhs.rawValue < rhs.rawValue }
}

/// Per-item exponential back-off: 5 ms after the first failure, doubling to at most 1000 s,
/// reset by ``WorkQueueState/forget(_:)`` after a success.
public struct ItemBackoff: Sendable, Hashable {
    public var base: Duration
    public var maximum: Duration

    public init(base: Duration = .milliseconds(5), maximum: Duration = .seconds(1000)) {
        self.base = base
        self.maximum = maximum
    }

    /// The delay after the `failures`-th failure in a row (1-based).
    public func delay(afterFailures failures: Int) -> Duration {
        let exponent = min(max(failures - 1, 0), 62)
        let factor = Double(1 << min(exponent, 62))
        let seconds = min(base.seconds * factor, maximum.seconds)
        return .nanoseconds(Int64(seconds * 1e9))
    }
}

extension Duration {
    /// The duration in seconds, as a floating-point number (a `TimeInterval`).
    public var seconds: Double {
        Double(components.seconds) + Double(components.attoseconds) / 1e18
    }
}

/// The bookkeeping of a work queue, without I/O or clocks of its own (times are passed in), so
/// it is tested step by step. The guarantees: a key is handed to at most one worker at a time; a
/// key added while it is being processed is handed out once more after ``done(_:)``; a key
/// queued twice is handed out once; high priority before low, each in arrival order.
public struct WorkQueueState<Key: Hashable & Sendable>: Sendable {
    private var high = CircularBuffer<Key>()
    private var low = CircularBuffer<Key>()
    /// Keys ready to hand out, with the queue they belong to.
    private var queued: [Key: QueuePriority] = [:]
    /// Keys handed out and not yet done.
    private(set) var processing: Set<Key> = []
    /// Keys added while processing: handed out again after done.
    private var dirty: [Key: QueuePriority] = [:]
    /// Keys to add at a later time (the earliest asked for).
    private var waiting: [Key: ContinuousClock.Instant] = [:]
    private var failures: [Key: Int] = [:]
    public let backoff: ItemBackoff

    public init(backoff: ItemBackoff = ItemBackoff()) {
        self.backoff = backoff
    }

    /// Keys ready to be handed out.
    public var readyCount: Int { queued.count }
    /// Keys waiting for a delay to pass.
    public var waitingCount: Int { waiting.count }
    /// Failures in a row of `key`.
    public func failureCount(_ key: Key) -> Int { failures[key] ?? 0 }

    /// Queues `key` now. Returns whether a worker may now find it ready.
    @discardableResult
    public mutating func add(_ key: Key, priority: QueuePriority = .high) -> Bool {
        if processing.contains(key) {
            dirty[key] = max(dirty[key] ?? priority, priority)
            return false
        }
        if let existing = queued[key] {
            guard priority > existing else { return false }
            queued[key] = priority
            high.append(key)
            return true
        }
        queued[key] = priority
        if priority == .high { high.append(key) } else { low.append(key) }
        return true
    }

    /// Queues `key` once `delay` has passed (at once when it is not positive). A key already
    /// waiting keeps the earlier of its two times.
    public mutating func add(_ key: Key, after delay: Duration, now: ContinuousClock.Instant) -> Bool {
        guard delay > .zero else { return add(key) }
        let due = now.advanced(by: delay)
        waiting[key] = min(waiting[key] ?? due, due)
        return false
    }

    /// Queues `key` after its back-off delay, counting one more failure. Returns the delay.
    @discardableResult
    public mutating func addRateLimited(_ key: Key, now: ContinuousClock.Instant) -> Duration {
        let count = (failures[key] ?? 0) + 1
        failures[key] = count
        let delay = backoff.delay(afterFailures: count)
        _ = add(key, after: delay, now: now)
        return delay
    }

    /// Resets the back-off of `key` (after a success).
    public mutating func forget(_ key: Key) {
        failures[key] = nil
    }

    /// Moves every waiting key whose time has come to the ready queue; returns the next time a
    /// waiting key comes due, if any.
    public mutating func promoteDue(now: ContinuousClock.Instant) -> ContinuousClock.Instant? {
        var next: ContinuousClock.Instant?
        for (key, due) in waiting {
            if due <= now {
                waiting[key] = nil
                add(key)
            } else {
                next = min(next ?? due, due)
            }
        }
        return next
    }

    /// Hands out the next ready key, marking it as processing.
    public mutating func next() -> Key? {
        while let key = high.popFirst() ?? low.popFirst() {
            // Promoted keys stay behind in `low`; skip what is no longer queued there.
            guard queued[key] != nil else { continue }
            queued[key] = nil
            processing.insert(key)
            return key
        }
        return nil
    }

    /// Marks `key` as no longer processing; re-queues it when it was added meanwhile. Returns
    /// whether it was re-queued.
    @discardableResult
    public mutating func done(_ key: Key) -> Bool {
        processing.remove(key)
        guard let priority = dirty.removeValue(forKey: key) else { return false }
        return add(key, priority: priority)
    }
}
