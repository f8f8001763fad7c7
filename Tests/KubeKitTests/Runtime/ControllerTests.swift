import Foundation
import KubeKit
import KubeKitTesting
import Testing

@Suite("controllers on the real API server")
struct ControllerTests {
    @Test("1,000 objects created in a burst are each reconciled, never one concurrently with itself")
    func burst() async throws {
        try await widgetServer().withNamespace { namespace, client in
            let informer = Informer<Widget>(client: client, options: .init(namespace: namespace))
            let log = ReconcileLog()
            let reconciler = RecordingReconciler(log: log) { _ in
                try await Task.sleep(for: .microseconds(Int.random(in: 0..<3000)))
                return .done
            }
            let controller = Controller(name: "burst", for: informer, reconciler: reconciler)
            try await running([informer], controller) {
                await informer.waitForSync()
                let names = (0..<1000).map { String(format: "w-%04d", $0) }
                try await withThrowingTaskGroup(of: Void.self) { group in
                    for slice in stride(from: 0, to: names.count, by: 50).map({ names[$0..<min($0 + 50, names.count)] }) {
                        group.addTask {
                            for name in slice {
                                _ = try await client.create(Widget(name, in: namespace))
                                // A second change of the same object while its first may be in flight.
                                _ = try await client.patch(Widget.self, name: name, namespace: namespace, patch: .merge(["spec": ["size": 2]]))
                            }
                        }
                    }
                    try await group.waitForAll()
                }
                try await eventually(timeout: .seconds(120), "every widget reconciled") {
                    await log.counts.count == 1000
                }
                let expected = Set(names.map { ReconcileRequest(namespace: namespace, name: $0) })
                #expect(Set(await log.counts.keys) == expected)
                #expect(await log.overlaps == 0)
            }
        }
    }

    @Test("an object updated while being reconciled is reconciled again afterwards, exactly once more")
    func updateDuringReconcile() async throws {
        try await widgetServer().withNamespace { namespace, client in
            let informer = Informer<Widget>(client: client, options: .init(namespace: namespace))
            let log = ReconcileLog()
            let gate = Gate()
            let reconciler = RecordingReconciler(log: log) { _ in
                await gate.pass()
                return .done
            }
            let controller = Controller(name: "gated", for: informer, reconciler: reconciler)
            let request = ReconcileRequest(namespace: namespace, name: "slow")
            try await running([informer], controller) {
                await informer.waitForSync()
                _ = try await client.create(Widget("slow", in: namespace))
                try await eventually("the first reconcile to start") { await gate.waiting == 1 }
                let updated = try await client.patch(Widget.self, name: "slow", namespace: namespace, patch: .merge(["spec": ["size": 5]]))
                try await eventually("the update to reach the cache") {
                    await informer.get(name: "slow", namespace: namespace)?.metadata.resourceVersion == updated.metadata.resourceVersion
                }
                #expect(await log.count(request) == 1)
                await gate.open()
                try await eventually("the second reconcile") { await log.count(request) == 2 }
                try await Task.sleep(for: .seconds(1))
                #expect(await log.count(request) == 2)
                #expect(await log.overlaps == 0)
            }
        }
    }

    @Test("a failing reconcile is retried with back-off until it succeeds; a terminal error is not retried")
    func retries() async throws {
        try await widgetServer().withNamespace { namespace, client in
            let informer = Informer<Widget>(client: client, options: .init(namespace: namespace))
            let log = ReconcileLog()
            let reconciler = RecordingReconciler(log: log) { request in
                let attempt = await log.count(request)
                if request.name == "flaky" && attempt < 4 { throw TestFailure() }
                if request.name == "hopeless" { throw TerminalError("spec.size cannot be served") }
                return .done
            }
            let controller = Controller(name: "retry", for: informer, reconciler: reconciler)
            try await running([informer], controller) {
                _ = try await client.create(Widget("flaky", in: namespace))
                _ = try await client.create(Widget("hopeless", in: namespace))
                try await eventually("the flaky widget to succeed") { await log.count(ReconcileRequest(namespace: namespace, name: "flaky")) == 4 }
                try await eventually("the hopeless widget to be tried") { await log.count(ReconcileRequest(namespace: namespace, name: "hopeless")) >= 1 }
                // Long enough for several back-off retries, had there been any.
                try await Task.sleep(for: .milliseconds(500))
                #expect(await log.count(ReconcileRequest(namespace: namespace, name: "flaky")) == 4)
                #expect(await log.count(ReconcileRequest(namespace: namespace, name: "hopeless")) == 1)
            }
        }
    }

    @Test("requeue(after:) reconciles again after the delay")
    func requeueAfter() async throws {
        try await widgetServer().withNamespace { namespace, client in
            let informer = Informer<Widget>(client: client, options: .init(namespace: namespace))
            let log = ReconcileLog()
            let reconciler = RecordingReconciler(log: log) { request in
                await log.count(request) < 3 ? .requeue(after: .milliseconds(200)) : .done
            }
            let controller = Controller(name: "requeue", for: informer, reconciler: reconciler)
            try await running([informer], controller) {
                _ = try await client.create(Widget("booting", in: namespace))
                try await eventually("three reconciles") { await log.count(ReconcileRequest(namespace: namespace, name: "booting")) == 3 }
            }
        }
    }

    @Test("owned objects enqueue their controlling owner; watched kinds enqueue what the map names")
    func ownsAndWatches() async throws {
        try await widgetServer().withNamespace { namespace, client in
            let widgets = Informer<Widget>(client: client, options: .init(namespace: namespace))
            let configMaps = Informer<ConfigMap>(client: client, options: .init(namespace: namespace))
            let log = ReconcileLog()
            let controller = Controller(name: "owner", for: widgets, reconciler: RecordingReconciler(log: log))
                .owns(configMaps)
                .watches(configMaps) { configMap in
                    configMap.metadata.labels?["widget"].map { [ReconcileRequest(namespace: configMap.metadata.namespace, name: $0)] } ?? []
                }
            try await running([widgets, configMaps], controller) {
                let owner = try await client.create(Widget("owner", in: namespace))
                let request = ReconcileRequest(namespace: namespace, name: "owner")
                try await eventually("the owner's own reconcile") { await log.count(request) == 1 }
                var owned = ConfigMap(metadata: ObjectMeta(name: "owned", namespace: namespace))
                owned.metadata.ownerReferences = [
                    OwnerReference(apiVersion: "test.mothership.dev/v1", kind: "Widget", name: "owner", uid: owner.metadata.uid ?? "", controller: true)
                ]
                _ = try await client.create(owned)
                try await eventually("a reconcile for the owned object") { await log.count(request) == 2 }
                _ = try await client.create(ConfigMap(metadata: ObjectMeta(name: "mapped", namespace: namespace, labels: ["widget": "other"])))
                try await eventually("a reconcile for the mapped object") {
                    await log.count(ReconcileRequest(namespace: namespace, name: "other")) == 1
                }
            }
        }
    }
}

struct TestFailure: Error {}

/// Holds reconciles until opened.
actor Gate {
    private(set) var waiting = 0
    private var isOpen = false
    private var continuations: [CheckedContinuation<Void, Never>] = []

    func pass() async {
        if isOpen { return }
        waiting += 1
        await withCheckedContinuation { continuations.append($0) }
    }

    func open() {
        isOpen = true
        for continuation in continuations { continuation.resume() }
        continuations.removeAll()
    }
}
