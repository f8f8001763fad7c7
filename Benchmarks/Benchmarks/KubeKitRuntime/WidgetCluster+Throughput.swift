import KubeKit
import KubeKitTesting

extension WidgetCluster {
    /// Requests per second of `concurrency` tasks GETting Widgets in turn, `requests` in all:
    /// the ceiling for a reconciler that makes one request.
    func rawGetRate(requests: Int, concurrency: Int) async throws -> Double {
        let started = ContinuousClock.now
        try await withThrowingTaskGroup(of: Void.self) { group in
            for first in 0..<concurrency {
                group.addTask {
                    for index in stride(from: first, to: requests, by: concurrency) {
                        _ = try await client.get(Widget.self, name: names[index % names.count], namespace: namespace)
                    }
                }
            }
            try await group.waitForAll()
        }
        return Self.rate(requests, since: started)
    }

    /// Reconciles per second of a controller with `concurrency` workers reconciling every Widget
    /// once, from the controller's start (its informer already synced, so the initial list
    /// enqueues each Widget at once) until the last reconcile returns. With `fetching`, each
    /// reconcile GETs its Widget; without, it only counts.
    func reconcileRate(fetching: Bool, concurrency: Int) async -> Double {
        let informer = Informer<Widget>(client: client, options: .init(namespace: namespace))
        let counter = ReconcileCounter(target: names.count)
        let reconciler = CountingReconciler(client: fetching ? client : nil, counter: counter)
        let controller = Controller(name: "bench", for: informer, reconciler: reconciler, concurrency: concurrency)
        let informerRun = Task { await informer.run() }
        await informer.waitForSync()
        let started = ContinuousClock.now
        let controllerRun = Task { await controller.run() }
        await counter.waitUntilReached()
        let rate = Self.rate(counter.target, since: started)
        controllerRun.cancel()
        informerRun.cancel()
        await controllerRun.value
        await informerRun.value
        return rate
    }

    /// `count` per second since `start`.
    static func rate(_ count: Int, since start: ContinuousClock.Instant) -> Double {
        let elapsed = (ContinuousClock.now - start).components
        return Double(count) / (Double(elapsed.seconds) + Double(elapsed.attoseconds) / 1e18)
    }
}
