import Benchmark
import Foundation

/// The bootstrap controller against real API servers on loopback (a management cluster with
/// the CAPI and WorkerConfig CRDs, a second server as the hosted cluster): WorkerConfigs turned
/// into data Secrets per second, against how many Secrets of the same size the management
/// server takes per second from the same 10 concurrent writers.
let benchmarks: @Sendable () -> Void = {
    Benchmark.teardown = { try await BootstrapWorld.stopServers() }

    Benchmark(
        "WorkerConfigs to data Secrets vs raw Secret writes, 10 at a time",
        configuration: .init(
            metrics: [.wallClock, .custom("raw Secret writes/s", polarity: .prefersLarger, useScalingFactor: false),
                .custom("WorkerConfigs/s", polarity: .prefersLarger, useScalingFactor: false),
                .custom("WorkerConfigs/raw writes (%)", polarity: .prefersLarger, useScalingFactor: false)],
            timeUnits: .milliseconds, maxDuration: .seconds(300), maxIterations: 3)
    ) { benchmark in
        let world = try await BootstrapWorld.make(configs: 300)
        let raw = try await world.rawSecretWriteRate(concurrency: 10)
        let reconciled = try await world.reconcileRate(concurrency: 10)
        benchmark.measurement(.custom("raw Secret writes/s", polarity: .prefersLarger, useScalingFactor: false), Int(raw))
        benchmark.measurement(.custom("WorkerConfigs/s", polarity: .prefersLarger, useScalingFactor: false), Int(reconciled))
        benchmark.measurement(.custom("WorkerConfigs/raw writes (%)", polarity: .prefersLarger, useScalingFactor: false), Int(reconciled * 100 / raw))
    }
}
