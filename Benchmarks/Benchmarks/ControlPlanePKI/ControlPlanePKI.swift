import Benchmark
import ControlPlane
import Crypto
import Foundation
import _CryptoExtras

/// A hosted cluster's whole PKI from nothing (3 CAs, the service-account key, 7 leaves and 4
/// kubeconfigs: 15 keys), the same reconcile when everything is current (what every resync
/// costs), and the 15 key generations alone, so that their share of the full reconcile is the
/// ratio of the two wall-clock figures.
let benchmarks: @Sendable () -> Void = {
    Benchmark.defaultConfiguration = .init(
        metrics: [.wallClock, .cpuTotal, .mallocCountTotal, .peakMemoryResident],
        timeUnits: .milliseconds,
        maxDuration: .seconds(20),
        maxIterations: 200)

    for algorithm in CertificateKeyAlgorithm.allCases {
        let settings = PKIBenchmarkFixture.settings(algorithm)

        Benchmark("ClusterPKI.reconcile from nothing (\(algorithm.rawValue))") { benchmark in
            for _ in benchmark.scaledIterations {
                blackHole(try ClusterPKI.reconcile(settings: settings, existing: [:], now: Date()))
            }
        }

        Benchmark("ClusterPKI.reconcile with everything current (\(algorithm.rawValue))") { benchmark in
            let existing = try ClusterPKI.reconcile(settings: settings, existing: [:], now: Date()).secrets
            benchmark.startMeasurement()
            for _ in benchmark.scaledIterations {
                blackHole(try ClusterPKI.reconcile(settings: settings, existing: existing, now: Date()))
            }
        }

        Benchmark("\(PKIBenchmarkFixture.keysPerCluster) key generations alone (\(algorithm.rawValue))") { benchmark in
            for _ in benchmark.scaledIterations {
                for _ in 0..<PKIBenchmarkFixture.keysPerCluster {
                    switch algorithm {
                    case .ecdsaP256: blackHole(P256.Signing.PrivateKey())
                    case .rsa2048: blackHole(try _RSA.Signing.PrivateKey(keySize: .bits2048))
                    }
                }
            }
        }
    }
}

enum PKIBenchmarkFixture {
    /// Keys a PKI from nothing generates: 3 CAs, 1 service-account key, 7 leaves, 4 kubeconfigs.
    static let keysPerCluster = 15

    static func settings(_ algorithm: CertificateKeyAlgorithm) -> ClusterPKISettings {
        ClusterPKISettings(
            clusterName: "bench", namespace: "tenants", controlPlaneEndpoint: "https://bench.example.com:6443",
            keyAlgorithm: algorithm,
            apiServerDNSNames: ["bench", "bench.tenants", "bench.tenants.svc", "bench.tenants.svc.cluster.local"],
            apiServerIPAddresses: ["10.96.0.10", "10.0.0.1"],
            etcdDNSNames: ["bench-etcd", "bench-etcd-0.bench-etcd.tenants.svc"],
            konnectivityDNSNames: ["bench.example.com"])
    }
}
