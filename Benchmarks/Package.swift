// swift-tools-version: 6.1
import Foundation
import PackageDescription

/// SwiftPM names a path dependency after its folder, which differs between clones.
let mothership = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .lastPathComponent.lowercased()

/// Benchmarks of Mothership's hot paths, kept out of the main package so that its build and
/// test runs do not compile the benchmark harness. Run: `swift package benchmark` here.
let package = Package(
    name: "MothershipBenchmarks",
    platforms: [.macOS(.v15)],
    dependencies: [
        .package(path: ".."),
        .package(url: "https://github.com/ordo-one/benchmark", from: "1.38.1", traits: ["MallocInterposer"]),
        .package(url: "https://github.com/apple/swift-crypto", from: "4.5.2"),
    ],
    targets: [
        .executableTarget(
            name: "KubeKitDecoding",
            dependencies: [
                .product(name: "Benchmark", package: "benchmark"),
                .product(name: "KubeKit", package: mothership),
                .product(name: "ClusterAPI", package: mothership),
            ],
            path: "Benchmarks/KubeKitDecoding",
            plugins: [.plugin(name: "BenchmarkPlugin", package: "benchmark")]
        ),
        .executableTarget(
            name: "KubeKitRuntime",
            dependencies: [
                .product(name: "Benchmark", package: "benchmark"),
                .product(name: "KubeKit", package: mothership),
                .product(name: "KubeKitTesting", package: mothership),
            ],
            path: "Benchmarks/KubeKitRuntime",
            plugins: [.plugin(name: "BenchmarkPlugin", package: "benchmark")]
        ),
        .executableTarget(
            name: "BootstrapReconcile",
            dependencies: [
                .product(name: "Benchmark", package: "benchmark"),
                .product(name: "KubeKit", package: mothership),
                .product(name: "KubeKitTesting", package: mothership),
                .product(name: "ClusterAPI", package: mothership),
                .product(name: "Bootstrap", package: mothership),
            ],
            path: "Benchmarks/BootstrapReconcile",
            plugins: [.plugin(name: "BenchmarkPlugin", package: "benchmark")]
        ),
        .executableTarget(
            name: "SSHBootstrap",
            dependencies: [
                .product(name: "Benchmark", package: "benchmark"),
                .product(name: "KubeKit", package: mothership),
                .product(name: "KubeKitTesting", package: mothership),
                .product(name: "ClusterAPI", package: mothership),
                .product(name: "SSHMachines", package: mothership),
            ],
            path: "Benchmarks/SSHBootstrap",
            plugins: [.plugin(name: "BenchmarkPlugin", package: "benchmark")]
        ),
        .executableTarget(
            name: "HostedControlPlanes",
            dependencies: [
                .product(name: "Benchmark", package: "benchmark"),
                .product(name: "ControlPlane", package: mothership),
                .product(name: "ClusterAPI", package: mothership),
                .product(name: "KubeKit", package: mothership),
                .product(name: "KubeKitTesting", package: mothership),
                .product(name: "Crypto", package: "swift-crypto"),
            ],
            path: "Benchmarks/HostedControlPlanes",
            plugins: [.plugin(name: "BenchmarkPlugin", package: "benchmark")]
        ),
        .executableTarget(
            name: "ControlPlanePKI",
            dependencies: [
                .product(name: "Benchmark", package: "benchmark"),
                .product(name: "ControlPlane", package: mothership),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "_CryptoExtras", package: "swift-crypto"),
            ],
            path: "Benchmarks/ControlPlanePKI",
            plugins: [.plugin(name: "BenchmarkPlugin", package: "benchmark")]
        ),
    ]
)
