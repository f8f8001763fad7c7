import Foundation
import KubeKit
import KubeKitTesting

/// A private API server (envtest instance `bench`) with the Widget CRD and ``widgetCount``
/// Widgets in a namespace of their own: the world the runtime benchmarks measure. The benchmark
/// tool runs each benchmark in a process of its own; each process starts this world once before
/// its iterations and stops the server, deleting its data, after them.
struct WidgetCluster: Sendable {
    /// Widgets in the namespace.
    static let widgetCount = 10_000
    /// Creates in flight while filling the namespace.
    static let createConcurrency = 16

    /// This process's world, started on first use.
    static let shared = Task { try await start() }

    let server: EnvtestServer
    let client: KubeClient
    let namespace: String
    /// The Widgets' names, `w-00000` to `w-09999`.
    let names: [String]

    /// Starts (or reuses) the server, installs the CRD and creates the Widgets.
    static func start() async throws -> WidgetCluster {
        let server = try await Envtest.start(instance: "bench")
        try await server.installCRDs(for: [Widget.self])
        let client = try server.adminClient()
        let namespace = "bench-" + UUID().uuidString.prefix(8).lowercased()
        _ = try await client.create(Namespace(metadata: ObjectMeta(name: namespace)))
        let names = (0..<widgetCount).map { String(format: "w-%05d", $0) }
        try await withThrowingTaskGroup(of: Void.self) { group in
            for first in 0..<createConcurrency {
                group.addTask {
                    for index in stride(from: first, to: names.count, by: createConcurrency) {
                        _ = try await client.create(Widget(names[index], in: namespace))
                    }
                }
            }
            try await group.waitForAll()
        }
        return WidgetCluster(server: server, client: client, namespace: namespace, names: names)
    }

    /// Stops the server and deletes its data.
    func stop() async throws {
        try await Envtest.stop(server)
    }

    /// The average size in bytes of one Widget's JSON as the server lists it (managedFields
    /// included, which informers drop before caching).
    func averageListedJSONBytes() async throws -> Int {
        let list = try await client.listAll(UnstructuredObject.self, resource: Widget.resource, namespace: namespace)
        let total = try list.items.reduce(0) { sum, item in sum + (try JSONCoding.encoder.encode(item)).count }
        return total / max(list.items.count, 1)
    }
}
