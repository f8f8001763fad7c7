import Foundation
import KubeKit
import KubeKitTesting
import Testing

@Suite("informer cache")
struct InformerTests {
    @Test("the cache follows creates, updates and deletes, without managedFields; subscribers get the cache first")
    func followsChanges() async throws {
        try await widgetServer().withNamespace { namespace, client in
            _ = try await client.create(Widget("early", in: namespace))
            let informer = Informer<Widget>(client: client, options: .init(namespace: namespace))
            try await running([informer], nil as Controller<RecordingReconciler>?) {
                await informer.waitForSync()
                #expect(await informer.hasSynced)
                #expect(await informer.get(name: "early", namespace: namespace) != nil)

                var events = await informer.subscribe().makeAsyncIterator()
                guard case .added(let replayed, initial: true)? = await events.next() else {
                    Issue.record("expected the cached object first")
                    return
                }
                #expect(replayed.metadata.name == "early")

                _ = try await client.apply(Widget("late", in: namespace), options: ApplyOptions(fieldManager: "test"))
                guard case .added(let added, initial: false)? = await events.next() else {
                    Issue.record("expected an ADDED event")
                    return
                }
                #expect(added.metadata.name == "late")
                #expect(added.metadata.managedFields == nil)
                _ = try await client.patch(Widget.self, name: "late", namespace: namespace, patch: .merge(["spec": ["size": 9]]))
                guard case .updated(let old, let new)? = await events.next() else {
                    Issue.record("expected an update")
                    return
                }
                #expect(old.spec.size == 1)
                #expect(new.spec.size == 9)
                #expect(await informer.get(name: "late", namespace: namespace)?.metadata.managedFields == nil)
                try await client.delete(Widget.self, name: "early", namespace: namespace)
                guard case .deleted(let deleted)? = await events.next() else {
                    Issue.record("expected a deletion")
                    return
                }
                #expect(deleted.metadata.name == "early")
                #expect(await informer.list(namespace: namespace).compactMap(\.metadata.name) == ["late"])
                #expect(await informer.listCount == 1)
            }
        }
    }
}

/// Informers across API server restarts and etcd compaction, on a private server (watch cache
/// off, so a resumed watch reads etcd's history and compaction is what expires it).
@Suite("informer resilience", .serialized)
struct InformerResilienceTests {
    static let server = Task { try await widgetServer(Envtest.start(instance: "informer-resume", extraArgs: ["--watch-cache=false"])) }

    @Test("after the API server restarts mid-stream no change is missed and nothing is relisted")
    func restartWithoutRelist() async throws {
        let server = try await Self.server.value
        try await server.withNamespace { namespace, client in
            let informer = Informer<Widget>(client: client, options: .init(namespace: namespace, backoff: Self.fastBackoff))
            try await running([informer], nil as Controller<RecordingReconciler>?) {
                await informer.waitForSync()
                _ = try await client.create(Widget("before", in: namespace))
                try await eventually("the first widget in the cache") { await informer.count == 1 }

                try await Envtest.restartAPIServer(server)
                _ = try await client.create(Widget("after-1", in: namespace))
                _ = try await client.patch(Widget.self, name: "before", namespace: namespace, patch: .merge(["spec": ["size": 3]]))
                _ = try await client.create(Widget("after-2", in: namespace))
                try await client.delete(Widget.self, name: "after-2", namespace: namespace)

                try await eventually("the changes made during the restart") {
                    let names = await informer.list().compactMap(\.metadata.name)
                    let size = await informer.get(name: "before", namespace: namespace)?.spec.size
                    return names == ["after-1", "before"] && size == 3
                }
                #expect(await informer.listCount == 1)
            }
        }
    }

    @Test("after etcd compaction expires its resourceVersion the informer relists exactly once")
    func compactionRelistsOnce() async throws {
        let server = try await Self.server.value
        try await server.withNamespace { namespace, client in
            _ = try await client.create(Widget("kept", in: namespace))
            let informer = Informer<Widget>(client: client, options: .init(namespace: namespace, backoff: Self.fastBackoff))
            try await running([informer], nil as Controller<RecordingReconciler>?) {
                await informer.waitForSync()
                // Changes elsewhere move etcd on; this namespace stays quiet, so the informer's
                // resourceVersion falls behind and compaction removes it.
                try await server.withNamespace { other, _ in
                    for index in 0..<5 { _ = try await client.create(Widget("noise-\(index)", in: other)) }
                }
                try await Envtest.compactEtcd(server)
                // A restart makes the informer watch again from its now-compacted resourceVersion.
                try await Envtest.restartAPIServer(server)
                _ = try await client.create(Widget("new", in: namespace))
                try await eventually("the relisted cache") { await informer.count == 2 }
                try await Task.sleep(for: .seconds(1))
                #expect(await informer.listCount == 2)
                #expect(await informer.list().compactMap(\.metadata.name) == ["kept", "new"])
            }
        }
    }

    static var fastBackoff: ReflectorState.Backoff {
        var backoff = ReflectorState.Backoff()
        backoff.initial = .milliseconds(100)
        backoff.maximum = .seconds(1)
        return backoff
    }
}
