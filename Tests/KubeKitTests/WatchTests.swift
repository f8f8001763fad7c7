import Foundation
import KubeKit
import KubeKitTesting
import Testing

/// Collects events from `events` until `count` arrived or the stream ends.
func take<T>(_ count: Int, from events: WatchEvents<T>, skippingBookmarks: Bool = true) async throws -> [WatchEvent<T>] {
    var collected: [WatchEvent<T>] = []
    for try await event in events {
        if skippingBookmarks, case .bookmark = event { continue }
        collected.append(event)
        if collected.count == count { break }
    }
    return collected
}

func summary(_ event: WatchEvent<ConfigMap>) -> String {
    switch event {
    case .added(let object): return "added \(object.metadata.name ?? "")"
    case .modified(let object): return "modified \(object.metadata.name ?? "")"
    case .deleted(let object): return "deleted \(object.metadata.name ?? "")"
    case .bookmark: return "bookmark"
    }
}

@Suite("watch")
struct WatchTests {
    @Test("a watch from a list's resourceVersion delivers every later change in order")
    func watchFromList() async throws {
        try await Envtest.shared().withNamespace { namespace, client in
            _ = try await client.create(configMap("before", in: namespace))
            let list = try await client.list(ConfigMap.self, namespace: namespace)
            let events = try await client.watch(
                ConfigMap.self, namespace: namespace, options: WatchOptions(resourceVersion: list.metadata.resourceVersion, timeoutSeconds: 30))
            _ = try await client.create(configMap("a", in: namespace, data: ["v": "1"]))
            _ = try await client.patch(ConfigMap.self, name: "a", namespace: namespace, patch: .merge(["data": ["v": "2"]]))
            try await client.delete(ConfigMap.self, name: "a", namespace: namespace)
            let seen = try await take(3, from: events)
            #expect(seen.map(summary) == ["added a", "modified a", "deleted a"])
            if case .modified(let object) = seen[1] { #expect(object.data == ["v": "2"]) }
        }
    }

    @Test("a watch without a resourceVersion starts with the existing objects as ADDED")
    func watchFromNow() async throws {
        try await Envtest.shared().withNamespace { namespace, client in
            _ = try await client.create(configMap("existing", in: namespace))
            let events = try await client.watch(ConfigMap.self, namespace: namespace, options: WatchOptions(timeoutSeconds: 30))
            #expect(try await take(1, from: events).map(summary) == ["added existing"])
        }
    }

    @Test("a watch filters by label selector")
    func watchWithSelector() async throws {
        try await Envtest.shared().withNamespace { namespace, client in
            let list = try await client.list(ConfigMap.self, namespace: namespace)
            let events = try await client.watch(
                ConfigMap.self, namespace: namespace,
                options: WatchOptions(labelSelector: ["pick": "me"], resourceVersion: list.metadata.resourceVersion, timeoutSeconds: 30))
            _ = try await client.create(configMap("skipped", in: namespace, labels: ["pick": "other"]))
            _ = try await client.create(configMap("picked", in: namespace, labels: ["pick": "me"]))
            #expect(try await take(1, from: events).map(summary) == ["added picked"])
        }
    }

    @Test("the server sends bookmarks with a resourceVersion to resume from, then ends the watch at its timeout")
    func bookmarks() async throws {
        try await Envtest.shared().withNamespace { namespace, client in
            let created = try await client.create(configMap("a", in: namespace))
            let events = try await client.watch(
                ConfigMap.self, namespace: namespace,
                options: WatchOptions(resourceVersion: created.metadata.resourceVersion, allowBookmarks: true, timeoutSeconds: 4))
            var bookmarks: [String] = []
            for try await event in events {
                if case .bookmark(let resourceVersion) = event { bookmarks.append(resourceVersion) }
            }
            #expect(!bookmarks.isEmpty)
            let resumeFrom = try #require(bookmarks.last)
            #expect(UInt64(resumeFrom) ?? 0 >= UInt64(created.metadata.resourceVersion ?? "") ?? .max)
            // Resuming from the bookmark works and sees the next change.
            let resumed = try await client.watch(
                ConfigMap.self, namespace: namespace, options: WatchOptions(resourceVersion: resumeFrom, timeoutSeconds: 30))
            _ = try await client.create(configMap("b", in: namespace))
            #expect(try await take(1, from: resumed).map(summary) == ["added b"])
        }
    }

    @Test("untyped watches decode custom resources")
    func untypedWatch() async throws {
        try await capiServer().withNamespace { namespace, client in
            let list = try await client.list(UnstructuredObject.self, resource: machines, namespace: namespace)
            let events = try await client.watch(
                UnstructuredObject.self, resource: machines, namespace: namespace,
                options: WatchOptions(resourceVersion: list.metadata.resourceVersion, timeoutSeconds: 30))
            _ = try await client.create(try machine("m1", in: namespace), resource: machines)
            let seen = try await take(1, from: events)
            guard case .added(let object) = seen.first else {
                Issue.record("expected ADDED, got \(seen)")
                return
            }
            #expect(object["spec"]?["clusterName"]?.stringValue == "c1")
            #expect(seen.first?.resourceVersion == object.metadata.resourceVersion)
        }
    }
}

/// Tests that restart or compact their server run on a private instance, so they disturb no
/// other test. Its watch cache is off so watches read etcd's history directly: a resumed watch
/// then depends on etcd's retention only, and compaction is what expires an old resourceVersion.
@Suite("watch across server restarts and compaction", .serialized)
struct WatchResumeTests {
    static let server = Task { try await Envtest.start(instance: "watch-resume", extraArgs: ["--watch-cache=false"]) }

    @Test("a watch resumed from the last seen resourceVersion after the API server restarts loses no event")
    func resumeAfterRestart() async throws {
        let server = try await Self.server.value
        try await server.withNamespace { namespace, client in
            let list = try await client.list(ConfigMap.self, namespace: namespace)
            let before = try await client.watch(
                ConfigMap.self, namespace: namespace, options: WatchOptions(resourceVersion: list.metadata.resourceVersion))
            _ = try await client.create(configMap("a", in: namespace, data: ["v": "1"]))
            var iterator = before.makeAsyncIterator()
            let first = try #require(try await iterator.next())
            #expect(summary(first) == "added a")
            let lastSeen = try #require(first.resourceVersion)

            try await Envtest.restartAPIServer(server)
            // The broken stream ends or throws; it does not hang.
            do {
                while let event = try await iterator.next() { Issue.record("unexpected event \(summary(event))") }
            } catch let error as KubeError {
                #expect(error.code == .unreachable)
            }

            // Changes made while no watch was open.
            _ = try await client.create(configMap("b", in: namespace))
            _ = try await client.patch(ConfigMap.self, name: "a", namespace: namespace, patch: .merge(["data": ["v": "2"]]))
            try await client.delete(ConfigMap.self, name: "b", namespace: namespace)

            let resumed = try await client.watch(
                ConfigMap.self, namespace: namespace, options: WatchOptions(resourceVersion: lastSeen, timeoutSeconds: 30))
            #expect(try await take(3, from: resumed).map(summary) == ["added b", "modified a", "deleted b"])
        }
    }

    @Test("a watch from a compacted resourceVersion fails with the typed expired error")
    func watchFromCompactedResourceVersion() async throws {
        let server = try await Self.server.value
        try await server.withNamespace { namespace, client in
            let old = try await client.list(ConfigMap.self, namespace: namespace).metadata.resourceVersion
            for index in 0..<3 { _ = try await client.create(configMap("cm-\(index)", in: namespace)) }
            try await Envtest.compactEtcd(server)

            let error = await kubeError {
                let events = try await client.watch(ConfigMap.self, namespace: namespace, options: WatchOptions(resourceVersion: old))
                for try await event in events { Issue.record("unexpected event \(summary(event))") }
            }
            #expect(error?.code == .expired)
            #expect(error?.httpStatus == 410)

            // Relisting gives a current resourceVersion to watch from again.
            let fresh = try await client.list(ConfigMap.self, namespace: namespace)
            #expect(fresh.items.count == 3)
            let events = try await client.watch(
                ConfigMap.self, namespace: namespace, options: WatchOptions(resourceVersion: fresh.metadata.resourceVersion, timeoutSeconds: 30))
            _ = try await client.create(configMap("after", in: namespace))
            #expect(try await take(1, from: events).map(summary) == ["added after"])
        }
    }
}
