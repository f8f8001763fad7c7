import Benchmark
import ClusterAPI
import Foundation
import KubeKit

/// Decoding a list response is what every informer does at start-up and on every relist.
let benchmarks: @Sendable () -> Void = {
    Benchmark.defaultConfiguration = .init(
        metrics: [.wallClock, .cpuTotal, .mallocCountTotal, .peakMemoryResident, .throughput],
        maxDuration: .seconds(10),
        maxIterations: 50)

    let body: Data
    do {
        body = try MachineListFixture.json(count: 1000)
    } catch {
        fatalError("cannot build the MachineList fixture: \(error)")
    }

    Benchmark("Decode a 1,000-Machine list (typed)") { benchmark in
        for _ in benchmark.scaledIterations {
            blackHole(try JSONCoding.decoder.decode(ObjectList<Machine>.self, from: body))
        }
    }

    Benchmark("Decode a 1,000-Machine list (unstructured)") { benchmark in
        for _ in benchmark.scaledIterations {
            blackHole(try JSONCoding.decoder.decode(ObjectList<UnstructuredObject>.self, from: body))
        }
    }
}
