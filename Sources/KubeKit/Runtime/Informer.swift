import Foundation
import Logging

/// A local cache of one kind, kept current by list-and-watch (``ReflectorState``): controllers
/// read from it instead of the API server and subscribe to its changes. One informer per kind is
/// shared by every controller of a manager.
public actor Informer<Object: KubeResource> {
    /// Settings of an informer.
    public struct Options: Sendable {
        /// Watch only this namespace; nil watches all.
        public var namespace: String?
        /// Cache only objects matching this selector (e.g. a `--watch-filter` label).
        public var labelSelector: LabelSelector?
        /// Cache only objects matching this field selector (e.g. Pods with `spec.nodeName=<node>`).
        public var fieldSelector: FieldSelector?
        /// How often every cached object is re-delivered as an update, ±10%; nil: never.
        /// Default 10 hours.
        public var resyncPeriod: Duration?
        /// Objects per list page. Default 500.
        public var pageSize: Int
        public var backoff: ReflectorState.Backoff

        public init(
            namespace: String? = nil, labelSelector: LabelSelector? = nil, resyncPeriod: Duration? = .seconds(10 * 3600),
            pageSize: Int = 500, backoff: ReflectorState.Backoff = .init(), fieldSelector: FieldSelector? = nil
        ) {
            self.namespace = namespace
            self.labelSelector = labelSelector
            self.fieldSelector = fieldSelector
            self.resyncPeriod = resyncPeriod
            self.pageSize = pageSize
            self.backoff = backoff
        }
    }

    private let client: KubeClient
    public nonisolated let options: Options
    private let logger: Logger
    private var store = ObjectStore<Object>()
    private var subscribers: [UUID: AsyncStream<InformerEvent<Object>>.Continuation] = [:]
    private var syncWaiters: [CheckedContinuation<Void, Never>] = []

    /// Whether the first list has been stored.
    public private(set) var hasSynced = false
    /// How many times the informer listed (1 after the start, +1 per relist).
    public private(set) var listCount = 0
    /// The resourceVersion the cache is current to.
    public private(set) var resourceVersion: String?

    public init(client: KubeClient, options: Options = Options(), logger: Logger = Logger(label: "kubekit.informer")) {
        self.client = client
        self.options = options
        var logger = logger
        logger[metadataKey: "kind"] = "\(Object.resource)"
        self.logger = logger
    }

    // MARK: reading

    /// The cached object `name` in `namespace`.
    public func get(name: String, namespace: String? = nil) -> Object? {
        store[ObjectMeta(name: name, namespace: Object.resource.namespaced ? namespace : nil).key]
    }

    /// Cached objects in `namespace` (all when nil) matching `labelSelector`.
    public func list(namespace: String? = nil, labelSelector: LabelSelector? = nil) -> [Object] {
        store.list(namespace: namespace, labelSelector: labelSelector)
    }

    /// Cached objects with an owner reference to `uid`.
    public func owned(by uid: String) -> [Object] { store.owned(by: uid) }

    /// The number of cached objects.
    public var count: Int { store.count }

    /// Returns once the first list has been stored.
    public func waitForSync() async {
        if hasSynced { return }
        await withCheckedContinuation { syncWaiters.append($0) }
    }

    /// Every change from now on, starting with the cached objects as `added(initial: true)`.
    public func subscribe() -> AsyncStream<InformerEvent<Object>> {
        let (stream, continuation) = AsyncStream<InformerEvent<Object>>.makeStream()
        let id = UUID()
        for object in store.list() { continuation.yield(.added(object, initial: true)) }
        subscribers[id] = continuation
        continuation.onTermination = { [weak self] _ in
            Task { await self?.unsubscribe(id) }
        }
        return stream
    }

    private func unsubscribe(_ id: UUID) { subscribers[id] = nil }

    private func publish(_ event: InformerEvent<Object>) {
        for subscriber in subscribers.values { subscriber.yield(event) }
    }

    // MARK: running

    /// Lists and watches until the calling task is cancelled; subscribers' streams then finish.
    public func run() async {
        await withTaskGroup(of: Void.self) { group in
            if let period = options.resyncPeriod {
                group.addTask { await self.resyncLoop(period: period) }
            }
            group.addTask { await self.listAndWatch() }
            await group.next()
            group.cancelAll()
        }
        for subscriber in subscribers.values { subscriber.finish() }
        subscribers.removeAll()
    }

    private func listAndWatch() async {
        var state = ReflectorState(backoff: options.backoff)
        var action = state.start()
        while !Task.isCancelled {
            switch action {
            case .list:
                do {
                    let list = try await client.listAll(
                        Object.self, namespace: options.namespace,
                        options: ListOptions(
                            labelSelector: options.labelSelector, fieldSelector: options.fieldSelector, limit: options.pageSize))
                    replace(with: list.items, resourceVersion: list.metadata.resourceVersion ?? "")
                    action = state.listed(resourceVersion: list.metadata.resourceVersion ?? "")
                } catch {
                    logger.warning("list failed", metadata: ["error": "\(error)"])
                    action = state.failed(expired: false, jitter: Double.random(in: 0..<1))
                }
            case .watch(let from):
                action = await watch(from: from, state: &state)
            case .wait(let delay):
                try? await Task.sleep(for: delay)
                action = state.waited()
            }
        }
    }

    private func watch(from resourceVersion: String, state: inout ReflectorState) async -> ReflectorState.Action {
        do {
            let events = try await client.watch(
                Object.self, namespace: options.namespace,
                options: WatchOptions(
                    labelSelector: options.labelSelector, fieldSelector: options.fieldSelector, resourceVersion: resourceVersion,
                    allowBookmarks: true,
                    timeoutSeconds: Int.random(in: 300..<600)))
            for try await event in events {
                apply(event)
                state.observed(resourceVersion: event.resourceVersion)
                self.resourceVersion = state.resourceVersion
            }
            return state.watchEnded()
        } catch let error as KubeError where error.code == .expired {
            logger.info("resourceVersion expired; relisting", metadata: ["resourceVersion": "\(resourceVersion)"])
            return state.failed(expired: true, jitter: 0)
        } catch {
            if Task.isCancelled { return .wait(.zero) }
            logger.info("watch broke; resuming", metadata: ["error": "\(error)"])
            return state.failed(expired: false, jitter: Double.random(in: 0..<1))
        }
    }

    private func apply(_ event: WatchEvent<Object>) {
        switch event {
        case .added(let object), .modified(let object):
            var stored = object
            stored.metadata.managedFields = nil
            if let old = store.insert(stored) {
                publish(.updated(old: old, new: stored))
            } else {
                publish(.added(stored, initial: false))
            }
        case .deleted(let object):
            var last = store.remove(key: object.metadata.key) ?? object
            last.metadata.managedFields = nil
            publish(.deleted(last))
        case .bookmark:
            break
        }
    }

    /// Stores a (re)list: new objects are added, changed ones updated, vanished ones deleted.
    private func replace(with items: [Object], resourceVersion: String) {
        let initial = !hasSynced
        var seen = Set<String>()
        for item in items {
            var object = item
            object.metadata.managedFields = nil
            seen.insert(object.metadata.key)
            if let old = store.insert(object) {
                if old.metadata.resourceVersion != object.metadata.resourceVersion {
                    publish(.updated(old: old, new: object))
                }
            } else {
                publish(.added(object, initial: initial))
            }
        }
        for key in Array(store.keys) where !seen.contains(key) {
            if let gone = store.remove(key: key) { publish(.deleted(gone)) }
        }
        listCount += 1
        self.resourceVersion = resourceVersion
        if !hasSynced {
            hasSynced = true
            let waiters = syncWaiters
            syncWaiters.removeAll()
            for waiter in waiters { waiter.resume() }
        }
    }

    private func resyncLoop(period: Duration) async {
        while !Task.isCancelled {
            let jittered = period.seconds * Double.random(in: 0.9..<1.1)
            try? await Task.sleep(for: .nanoseconds(Int64(jittered * 1e9)))
            if Task.isCancelled { return }
            for object in store.list() { publish(.updated(old: object, new: object)) }
        }
    }
}
