import Benchmark
import ControlPlane
import Crypto
import Foundation

/// The hosted control-plane controller against a real API server on loopback: 100
/// HostedControlPlanes (kubeadm flavor, managed etcd of 3, explicit endpoint) taken from nothing
/// to every owned object applied and the status set, 10 at a time as the manager runs them; the
/// process's peak memory; and the share of that time spent generating private keys (15 per
/// cluster, timed alone in the same process).
let benchmarks: @Sendable () -> Void = {
    Benchmark.teardown = { try await ControlPlaneBenchWorld.stopServer() }

    let controlPlanes = 100
    Benchmark(
        "\(controlPlanes) HostedControlPlanes from nothing to owned objects and status, 10 at a time",
        configuration: .init(
            metrics: [.wallClock, .peakMemoryResident, .custom("key generation share (basis points)", polarity: .prefersSmaller, useScalingFactor: false)],
            timeUnits: .milliseconds, maxDuration: .seconds(600), maxIterations: 3)
    ) { benchmark in
        let world = try await ControlPlaneBenchWorld.make(controlPlanes: controlPlanes)
        benchmark.startMeasurement()
        let elapsed = try await world.reconcileAll(concurrency: 10)
        benchmark.stopMeasurement()
        let keys = ContinuousClock().measure {
            for _ in 0..<(controlPlanes * ControlPlaneBenchWorld.keysPerControlPlane) { blackHole(P256.Signing.PrivateKey()) }
        }
        benchmark.measurement(
            .custom("key generation share (basis points)", polarity: .prefersSmaller, useScalingFactor: false), Int(keys / elapsed * 10_000))
        try await world.releaseServiceAddresses()
    }
}
