import Benchmark
import KubeKit

/// The controller runtime against a real kube-apiserver on loopback holding 10,000 Widgets
/// (``WidgetCluster``): how long an informer takes to sync them and what its cache costs in
/// memory, and how close a controller's reconcile rate comes to the raw request rate.
let benchmarks: @Sendable () -> Void = {
    Benchmark.setup = { _ = try await WidgetCluster.shared.value }
    Benchmark.teardown = { try await WidgetCluster.shared.value.stop() }

    Benchmark(
        "Informer sync of 10,000 Widgets",
        configuration: .init(
            metrics: [
                .wallClock, .residentBytesPerObject, .retainedBytesPerObject, .jsonBytesPerObject, .residentPercentOfJSON,
            ],
            timeUnits: .milliseconds, maxDuration: .seconds(120), maxIterations: 5),
        closure: { benchmark, jsonBytesPerObject in
            guard let cost = try await WidgetCluster.shared.value.syncInformer(timedBy: benchmark) else { return }
            benchmark.measurement(.residentBytesPerObject, cost.residentBytesPerObject)
            benchmark.measurement(.retainedBytesPerObject, cost.retainedBytesPerObject)
            benchmark.measurement(.jsonBytesPerObject, jsonBytesPerObject)
            benchmark.measurement(.residentPercentOfJSON, cost.residentBytesPerObject * 100 / jsonBytesPerObject)
        },
        setup: { try await WidgetCluster.shared.value.averageListedJSONBytes() })

    Benchmark(
        "GET reconciler vs raw GETs, 10 at a time",
        configuration: .init(
            metrics: [.wallClock, .rawGetsPerSecond, .getReconcilesPerSecond, .reconcilePercentOfRaw],
            timeUnits: .milliseconds, maxDuration: .seconds(120), maxIterations: 3)
    ) { benchmark in
        let cluster = try await WidgetCluster.shared.value
        let raw = try await cluster.rawGetRate(requests: 5_000, concurrency: 10)
        let reconciles = await cluster.reconcileRate(fetching: true, concurrency: 10)
        benchmark.measurement(.rawGetsPerSecond, Int(raw))
        benchmark.measurement(.getReconcilesPerSecond, Int(reconciles))
        benchmark.measurement(.reconcilePercentOfRaw, Int(reconciles * 100 / raw))
    }

    Benchmark(
        "No-op reconciler, 10 workers",
        configuration: .init(
            metrics: [.wallClock, .noOpReconcilesPerSecond],
            timeUnits: .milliseconds, maxDuration: .seconds(120), maxIterations: 5)
    ) { benchmark in
        let rate = try await WidgetCluster.shared.value.reconcileRate(fetching: false, concurrency: 10)
        benchmark.measurement(.noOpReconcilesPerSecond, Int(rate))
    }
}
