/// The list-and-watch loop of an informer as a state machine: it takes what happened and says
/// what to do next, so reconnects, back-off and relists are tested without a server.
///
/// - A watch that ends (the server's timeout) or breaks is resumed from the last
///   resourceVersion seen (an event's or a bookmark's): no relist while it is valid.
/// - Only an expired resourceVersion (410) forces a relist.
/// - Failures wait 800 ms, doubling to 30 s, with ±10% jitter; any progress resets that.
public struct ReflectorState: Sendable, Hashable {
    /// What the executor does next.
    public enum Action: Sendable, Hashable {
        /// List everything (paginated), then report ``ReflectorState/listed(resourceVersion:)``.
        case list
        /// Watch from this resourceVersion.
        case watch(from: String)
        /// Sleep, then report ``ReflectorState/waited()``.
        case wait(Duration)
    }

    /// Reconnect back-off settings.
    public struct Backoff: Sendable, Hashable {
        public var initial: Duration = .milliseconds(800)
        public var maximum: Duration = .seconds(30)
        public init() {}
    }

    /// The newest resourceVersion seen, from a list, an event or a bookmark.
    public private(set) var resourceVersion: String?
    /// Failures in a row since the last progress.
    public private(set) var failures = 0
    public let backoff: Backoff

    public init(backoff: Backoff = Backoff()) {
        self.backoff = backoff
    }

    /// The first action: a list.
    public func start() -> Action { .list }

    /// A list succeeded at `resourceVersion`.
    public mutating func listed(resourceVersion: String) -> Action {
        self.resourceVersion = resourceVersion
        failures = 0
        return .watch(from: resourceVersion)
    }

    /// A watch delivered an event or bookmark carrying `resourceVersion`.
    public mutating func observed(resourceVersion: String?) {
        if let resourceVersion, !resourceVersion.isEmpty { self.resourceVersion = resourceVersion }
        failures = 0
    }

    /// The watch ended normally (the server closed it at its timeout): watch again from where it left off.
    public mutating func watchEnded() -> Action {
        guard let resourceVersion else { return .list }
        return .watch(from: resourceVersion)
    }

    /// A list or watch failed. `expired` means the resourceVersion is gone (410): relist.
    /// `jitter` is a random number in `0..<1`.
    public mutating func failed(expired: Bool, jitter: Double) -> Action {
        if expired {
            resourceVersion = nil
            failures = 0
            return .list
        }
        failures += 1
        let doubled = backoff.initial.seconds * Double(1 << min(failures - 1, 30))
        let delay = min(doubled, backoff.maximum.seconds) * (0.9 + 0.2 * jitter)
        return .wait(.nanoseconds(Int64(delay * 1e9)))
    }

    /// The back-off wait is over: resume the watch, or list when there is nothing to resume from.
    public func waited() -> Action {
        guard let resourceVersion else { return .list }
        return .watch(from: resourceVersion)
    }
}
