// swift-tools-version: 6.1
import PackageDescription

/// Mothership: a Cluster API provider set. The module layout and the rule that imports only point
/// down this list are described in DESIGN.md.
let package = Package(
    name: "mothership",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "mothership", targets: ["mothership"]),
        .library(name: "KubeKit", targets: ["KubeKit"]),
        .library(name: "KubeKitTesting", targets: ["KubeKitTesting"]),
        .library(name: "ClusterAPI", targets: ["ClusterAPI"]),
        .library(name: "Bootstrap", targets: ["Bootstrap"]),
        .library(name: "ControlPlane", targets: ["ControlPlane"]),
        .library(name: "SSHMachines", targets: ["SSHMachines"]),
    ],
    dependencies: [
        .package(url: "https://github.com/swift-server/async-http-client", from: "1.37.0"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.2"),
        .package(url: "https://github.com/apple/swift-nio-ssl", from: "2.37.6"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-crypto", from: "4.5.2"),
        .package(url: "https://github.com/apple/swift-certificates", from: "1.21.1"),
        .package(url: "https://github.com/apple/swift-asn1", from: "1.7.4"),
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
        .package(url: "https://github.com/apple/swift-metrics", from: "2.13.0"),
        .package(url: "https://github.com/swift-server/swift-prometheus", from: "2.4.1"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle", from: "2.13.0"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
        .package(url: "https://github.com/adam-fowler/compress-nio", from: "1.5.0"),
        .package(url: "https://github.com/apple/swift-nio-ssh", from: "0.15.1"),
    ],
    targets: [
        .target(
            name: "KubeKit",
            dependencies: [
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOFoundationCompat", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Yams", package: "Yams"),
                .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "Prometheus", package: "swift-prometheus"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "Hummingbird", package: "hummingbird"),
            ]
        ),
        .target(
            name: "KubeKitTesting",
            dependencies: [
                "KubeKit",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "X509", package: "swift-certificates"),
                .product(name: "Yams", package: "Yams"),
            ]
        ),
        .target(name: "ClusterAPI", dependencies: ["KubeKit"]),
        .target(
            name: "ControlPlane",
            dependencies: [
                "KubeKit", "ClusterAPI",
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "_CryptoExtras", package: "swift-crypto"),
                .product(name: "X509", package: "swift-certificates"),
                .product(name: "SwiftASN1", package: "swift-asn1"),
            ]
        ),
        .target(name: "CoreStandIn", dependencies: ["KubeKit", "ClusterAPI"]),
        .target(
            name: "DevRuntime",
            dependencies: [
                "KubeKit",
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ]
        ),
        .target(
            name: "Bootstrap",
            dependencies: [
                "KubeKit", "ClusterAPI",
                .product(name: "CompressNIO", package: "compress-nio"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "X509", package: "swift-certificates"),
                .product(name: "SwiftASN1", package: "swift-asn1"),
            ]
        ),
        .target(name: "ProviderKit", dependencies: ["KubeKit", "ClusterAPI"], path: "Sources/Providers/ProviderKit"),
        .target(name: "VSphere", dependencies: ["ProviderKit"], path: "Sources/Providers/VSphere"),
        .target(name: "OpenStack", dependencies: ["ProviderKit"], path: "Sources/Providers/OpenStack"),
        .target(
            name: "SSHMachines",
            dependencies: [
                "ProviderKit",
                .product(name: "NIOSSH", package: "swift-nio-ssh"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "Crypto", package: "swift-crypto"),
            ],
            path: "Sources/Providers/SSHMachines"
        ),
        .target(name: "KubeVirt", dependencies: ["ProviderKit"], path: "Sources/Providers/KubeVirt"),
        .executableTarget(
            name: "mothership",
            dependencies: [
                "KubeKit", "ClusterAPI", "ControlPlane", "Bootstrap", "ProviderKit", "CoreStandIn", "DevRuntime",
                "VSphere", "OpenStack", "SSHMachines", "KubeVirt",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ]
        ),
        .testTarget(
            name: "KubeKitTests",
            dependencies: [
                "KubeKit", "KubeKitTesting",
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ]
        ),
        .testTarget(name: "ClusterAPITests", dependencies: ["ClusterAPI", "KubeKit", "KubeKitTesting"]),
        .testTarget(name: "BootstrapTests", dependencies: ["Bootstrap", "ClusterAPI", "KubeKit", "KubeKitTesting"]),
        .testTarget(name: "CoreStandInTests", dependencies: ["CoreStandIn", "ClusterAPI", "KubeKit", "KubeKitTesting"]),
        .testTarget(name: "ControlPlaneTests", dependencies: ["ControlPlane", "ClusterAPI", "KubeKit", "KubeKitTesting"]),
        .testTarget(name: "MothershipTests", dependencies: ["mothership", "ClusterAPI", "KubeKit", "KubeKitTesting"]),
        .testTarget(name: "DevRuntimeTests", dependencies: ["DevRuntime", "KubeKit", "KubeKitTesting"]),
        .testTarget(name: "EndToEndTests", dependencies: ["ClusterAPI", "ControlPlane", "ProviderKit", "SSHMachines", "KubeKit", "KubeKitTesting"]),
        .testTarget(name: "SSHMachinesTests", dependencies: ["SSHMachines", "ProviderKit", "ClusterAPI", "KubeKit", "KubeKitTesting"]),
    ]
)
