import KubeKit
import Testing

@Suite("work queue bookkeeping")
struct WorkQueueStateTests {
    let now = ContinuousClock.now

    @Test("a key queued twice is handed out once")
    func deduplicates() {
        var state = WorkQueueState<String>()
        state.add("a")
        state.add("a")
        #expect(state.next() == "a")
        #expect(state.next() == nil)
    }

    @Test("a key added while processing is not handed out until done, then exactly once more")
    func neverTwoWorkersOnOneKey() {
        var state = WorkQueueState<String>()
        state.add("a")
        #expect(state.next() == "a")
        state.add("a")
        state.add("a")
        #expect(state.next() == nil)
        let requeued = state.done("a")
        #expect(requeued)
        #expect(state.next() == "a")
        let requeuedAgain = state.done("a")
        #expect(!requeuedAgain)
        #expect(state.next() == nil)
    }

    @Test("high priority goes first; a low key added again at high is promoted")
    func priorities() {
        var state = WorkQueueState<String>()
        state.add("initial-1", priority: .low)
        state.add("initial-2", priority: .low)
        state.add("fresh", priority: .high)
        state.add("initial-2", priority: .high)
        #expect(state.next() == "fresh")
        #expect(state.next() == "initial-2")
        #expect(state.next() == "initial-1")
        #expect(state.next() == nil)
    }

    @Test("delayed keys come due at their time, keeping the earlier of two delays")
    func delayedAdds() {
        var state = WorkQueueState<String>()
        _ = state.add("a", after: .seconds(10), now: now)
        _ = state.add("a", after: .seconds(2), now: now)
        #expect(state.next() == nil)
        #expect(state.promoteDue(now: now.advanced(by: .seconds(1))) == now.advanced(by: .seconds(2)))
        #expect(state.next() == nil)
        #expect(state.promoteDue(now: now.advanced(by: .seconds(2))) == nil)
        #expect(state.next() == "a")
    }

    @Test("per-item back-off doubles from 5 ms to at most 1000 s and resets on forget")
    func backoff() {
        var state = WorkQueueState<String>()
        let delays = (0..<20).map { _ in state.addRateLimited("a", now: now) }
        #expect(delays.prefix(4) == [.milliseconds(5), .milliseconds(10), .milliseconds(20), .milliseconds(40)])
        #expect(delays.last == .seconds(1000))
        #expect(state.failureCount("a") == 20)
        state.forget("a")
        #expect(state.addRateLimited("a", now: now) == .milliseconds(5))
        #expect(state.addRateLimited("b", now: now) == .milliseconds(5))
    }
}

@Suite("reflector state")
struct ReflectorStateTests {
    @Test("list, then watch from the list's resourceVersion; a watch that ends resumes from the last one seen")
    func resumes() {
        var state = ReflectorState()
        #expect(state.start() == .list)
        #expect(state.listed(resourceVersion: "10") == .watch(from: "10"))
        state.observed(resourceVersion: "15")
        #expect(state.watchEnded() == .watch(from: "15"))
    }

    @Test("failures back off from 800 ms doubling to 30 s with ±10% jitter, then resume without relisting")
    func backsOff() {
        var state = ReflectorState()
        _ = state.listed(resourceVersion: "10")
        var delays: [Duration] = []
        for _ in 0..<8 {
            guard case .wait(let delay) = state.failed(expired: false, jitter: 0.5) else {
                Issue.record("expected a wait")
                return
            }
            delays.append(delay)
        }
        #expect(delays.prefix(3) == [.milliseconds(800), .milliseconds(1600), .milliseconds(3200)])
        #expect(delays.last == .seconds(30))
        if case .wait(let low) = state.failed(expired: false, jitter: 0) { #expect(low == .seconds(27)) }
        if case .wait(let high) = state.failed(expired: false, jitter: 0.999_999) { #expect(high > .seconds(32.9)) }
        #expect(state.waited() == .watch(from: "10"))
        state.observed(resourceVersion: "11")
        #expect(state.failures == 0)
    }

    @Test("only an expired resourceVersion relists")
    func expiredRelists() {
        var state = ReflectorState()
        _ = state.listed(resourceVersion: "10")
        #expect(state.failed(expired: true, jitter: 0) == .list)
        #expect(state.resourceVersion == nil)
        #expect(state.waited() == .list)
    }
}

@Suite("object store")
struct ObjectStoreTests {
    func object(_ name: String, _ namespace: String, labels: [String: String] = [:], owner: String? = nil) -> ConfigMap {
        var meta = ObjectMeta(name: name, namespace: namespace, labels: labels)
        meta.ownerReferences = owner.map { [OwnerReference(apiVersion: "v1", kind: "ConfigMap", name: "o", uid: $0)] }
        meta.managedFields = [ManagedFieldsEntry(manager: "m")]
        return ConfigMap(metadata: meta)
    }

    @Test("indexes by namespace, owner and label follow inserts, updates and removals")
    func indexes() {
        var store = ObjectStore<ConfigMap>()
        store.insert(object("a", "one", labels: ["app": "web"], owner: "u1"))
        store.insert(object("b", "one", labels: ["app": "db"], owner: "u1"))
        store.insert(object("c", "two", labels: ["app": "web"]))
        #expect(store.list(namespace: "one").compactMap(\.metadata.name) == ["a", "b"])
        #expect(store.list(labelSelector: ["app": "web"]).compactMap(\.metadata.name) == ["a", "c"])
        #expect(store.list(namespace: "two", labelSelector: ["app": "web"]).compactMap(\.metadata.name) == ["c"])
        #expect(store.owned(by: "u1").compactMap(\.metadata.name) == ["a", "b"])
        #expect(store["one/a"]?.metadata.managedFields == nil)

        store.insert(object("a", "one", labels: ["app": "db"]))
        #expect(store.list(labelSelector: ["app": "web"]).compactMap(\.metadata.name) == ["c"])
        #expect(store.owned(by: "u1").compactMap(\.metadata.name) == ["b"])
        store.remove(key: "one/b")
        #expect(store.owned(by: "u1").isEmpty)
        #expect(store.list(labelSelector: LabelSelector([.exists("app")])).count == 2)
    }
}
