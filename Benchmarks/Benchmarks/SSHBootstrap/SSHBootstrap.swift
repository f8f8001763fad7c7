import Benchmark
import Foundation

/// The SSH machine provider as `mothership manager` runs it (its controllers registered on a
/// Manager) against a real API server and real sshd instances on loopback: machines
/// bootstrapped per minute with 1, 10 and 50 hosts (one Machine per host, created at once,
/// until every SSHMachine is provisioned), and the process's peak resident memory meanwhile.
let benchmarks: @Sendable () -> Void = {
    Benchmark.teardown = { try await SSHBench.stopAll() }

    for hosts in [1, 10, 50] {
        Benchmark(
            "Machines bootstrapped over SSH with \(hosts) host(s)",
            configuration: .init(
                metrics: [.wallClock, .custom("machines/min", polarity: .prefersLarger, useScalingFactor: false),
                    .custom("peak RSS (MB)", polarity: .prefersSmaller, useScalingFactor: false)],
                timeUnits: .milliseconds, maxDuration: .seconds(600), maxIterations: hosts == 1 ? 10 : 3)
        ) { benchmark in
            let bench = try await SSHBench.shared(hosts: hosts)
            let round = try await bench.round()
            benchmark.measurement(.custom("machines/min", polarity: .prefersLarger, useScalingFactor: false), Int(round.machinesPerMinute))
            benchmark.measurement(.custom("peak RSS (MB)", polarity: .prefersSmaller, useScalingFactor: false), round.peakResidentBytes >> 20)
        }
    }
}
