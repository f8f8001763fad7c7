@testable import DevRuntime
import Foundation
import KubeKit
import KubeKitTesting
import Logging

/// One running ``DevNode`` of a test, with its own node name, bridge, pod network, address
/// range and state directory, so tests run in parallel without seeing each other's pods.
struct DevNodeHarness {
    let options: DevNodeOptions
    let task: Task<Void, any Error>
    let client: KubeClient

    /// Images the tests use, mapped to this machine's interpreters.
    static let images = ImageResolver([
        .init("example.test/python:*", executable: "/usr/bin/python3"),
        .init("example.test/sh:*", executable: "/bin/sh"),
    ])

    var nodeName: String { options.nodeName }

    /// Starts a node balancing the Services of `namespace` and waits until it is registered and Ready.
    static func start(client: KubeClient, namespace: String, addresses: ClosedRange<UInt8> = 100...109) async throws -> DevNodeHarness {
        let suffix = UUID().uuidString.prefix(8).lowercased()
        let state = NSTemporaryDirectory() + "devruntime-test-\(suffix)"
        let options = DevNodeOptions(
            nodeName: "dev-\(suffix)", stateDirectory: state, images: images,
            podCIDR: "10.\(UInt8.random(in: 100...250)).\(UInt8.random(in: 0...255)).0/24", bridgeName: "msdt\(suffix.prefix(6))",
            loadBalancerAddresses: addresses, serviceNamespace: namespace, heartbeatInterval: .seconds(1), initialRestartBackoff: .milliseconds(500),
            maximumRestartBackoff: .seconds(2), shutdownGracePeriod: .seconds(5))
        var logger = Logger(label: "devruntime-test")
        logger.logLevel = .warning
        let node = DevNode(client: client, options: options, logger: logger)
        let task = Task { try await node.run() }
        let harness = DevNodeHarness(options: options, task: task, client: client)
        try await eventually("node \(options.nodeName) to register Ready") {
            guard let node = try? await client.get(Node.self, name: options.nodeName) else { return false }
            return node.status?.conditions?.contains { $0.type == "Ready" && $0.status == "True" } == true
        }
        return harness
    }

    /// Stops the node and waits until it has cleaned up.
    func stop() async throws {
        task.cancel()
        try await task.value
        try? FileManager.default.removeItem(atPath: options.stateDirectory)
    }

    /// Runs `body` with a started node, stopping it afterwards whatever happens.
    static func with<T>(
        client: KubeClient, namespace: String, addresses: ClosedRange<UInt8> = 100...109, _ body: (DevNodeHarness) async throws -> T
    ) async throws -> T {
        let harness = try await start(client: client, namespace: namespace, addresses: addresses)
        do {
            let result = try await body(harness)
            try await harness.stop()
            return result
        } catch {
            try? await harness.stop()
            throw error
        }
    }

    /// A pod bound to this node.
    func pod(_ name: String, namespace: String, containers: [Container], volumes: [Volume]? = nil, labels: [String: String]? = nil) -> Pod {
        Pod(
            metadata: ObjectMeta(name: name, namespace: namespace, labels: labels),
            spec: PodSpec(nodeName: nodeName, containers: containers, volumes: volumes, terminationGracePeriodSeconds: 5))
    }

    /// The host-side veth of the pod `uid`.
    static func veth(uid: String) -> String { "vdev" + String(uid.replacingOccurrences(of: "-", with: "").prefix(11)) }

    /// The directory of the pod `uid` under the state directory.
    func podDirectory(uid: String) -> String { "\(options.stateDirectory)/pods/\(uid)" }

    /// Waits until `condition` holds for the pod's current state, and returns it.
    @discardableResult
    func waitForPod(
        _ name: String, namespace: String, timeout: Duration = .seconds(60), _ what: String, _ condition: (Pod) -> Bool
    ) async throws -> Pod {
        var latest: Pod?
        try await eventually(timeout: timeout, "pod \(name) \(what)") {
            latest = try? await client.get(Pod.self, name: name, namespace: namespace)
            return latest.map(condition) ?? false
        }
        return latest!
    }
}

extension Pod {
    var isReady: Bool { status?.conditions?.contains { $0.type == "Ready" && $0.status == "True" } == true }

    /// The PID in the first container's `containerID` (`devruntime://<pid>`).
    var firstContainerPID: Int32? {
        status?.containerStatuses?.first?.containerID.flatMap { Int32($0.replacingOccurrences(of: "devruntime://", with: "")) }
    }
}

/// Runs a host command and returns its exit status (for checks on links and mounts).
func hostStatus(_ tool: String, _ arguments: [String]) throws -> Int32 {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: tool)
    process.arguments = arguments
    process.standardOutput = FileHandle.nullDevice
    process.standardError = FileHandle.nullDevice
    try process.run()
    process.waitUntilExit()
    return process.terminationStatus
}
