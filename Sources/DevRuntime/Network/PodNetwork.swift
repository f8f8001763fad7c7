import Foundation
import Logging

#if canImport(Glibc)
import Glibc
#endif

/// The pods' network on this host: one bridge holding the gateway address, and per pod a
/// network namespace (kept alive by a bind mount on a file in the pod's directory) joined to the
/// bridge by a veth pair, with an address from the pod CIDR. Nothing outside the bridge, the
/// veths and the namespaces is touched: no routes, no firewall rules, no forwarding.
actor PodNetwork {
    /// One pod's network: where its namespace handle is, its host-side veth and its address.
    struct Sandbox: Sendable, Hashable {
        var namespacePath: String
        var hostInterface: String
        var address: String
    }

    let network: IPv4Network
    let bridgeName: String
    private let logger: Logger
    private var allocated: [String: UInt32] = [:]
    private var bridgeReady = false

    init(cidr: String, bridgeName: String, logger: Logger) throws {
        guard !bridgeName.isEmpty, bridgeName.utf8.count <= 15 else {
            throw DevRuntimeError(.configuration, "bridge name \(bridgeName) must have 1 to 15 characters")
        }
        network = try IPv4Network(cidr)
        self.bridgeName = bridgeName
        self.logger = logger
    }

    /// The bridge's address, which pods route through and which the Node reports.
    nonisolated var gatewayAddress: String { IPv4Network.format(network.gateway) }

    /// The host-side veth name of the pod `uid`: deterministic, so a restarted runtime can find it.
    static func hostInterfaceName(podUID: String) -> String {
        "vdev" + String(podUID.replacingOccurrences(of: "-", with: "").prefix(11))
    }

    /// Creates the bridge if it is missing and gives it the gateway address.
    func ensureBridge() async throws {
        if bridgeReady { return }
        let existing = try await HostCommand.runAllowingFailure("ip", ["link", "show", "dev", bridgeName])
        if existing.status != 0 {
            try await HostCommand.run("ip", ["link", "add", "name", bridgeName, "type", "bridge"])
        }
        let addresses = try await HostCommand.run("ip", ["-4", "addr", "show", "dev", bridgeName])
        if !addresses.contains(" \(gatewayAddress)/") {
            try await HostCommand.run("ip", ["addr", "add", "\(gatewayAddress)/\(network.prefixLength)", "dev", bridgeName])
        }
        try await HostCommand.run("ip", ["link", "set", "dev", bridgeName, "up"])
        bridgeReady = true
    }

    /// Removes the bridge (every veth must be gone already).
    func removeBridge() async {
        _ = try? await HostCommand.runAllowingFailure("ip", ["link", "del", "dev", bridgeName])
        bridgeReady = false
    }

    /// Creates the network namespace of pod `uid` at `namespacePath`, preferring `preferredAddress`
    /// (the address it had before a runtime restart) when it is free.
    func createSandbox(podUID: String, namespacePath: String, preferredAddress: String?) async throws -> Sandbox {
        try await ensureBridge()
        let address = try allocate(podUID: podUID, preferred: preferredAddress.flatMap(IPv4Network.parse))
        let hostInterface = Self.hostInterfaceName(podUID: podUID)
        let sandbox = Sandbox(namespacePath: namespacePath, hostInterface: hostInterface, address: IPv4Network.format(address))
        do {
            _ = FileManager.default.createFile(atPath: namespacePath, contents: nil)
            try await HostCommand.run("unshare", ["--net=\(namespacePath)", "true"])
            let inside = ["--net=\(namespacePath)", "ip"]
            try await HostCommand.run(
                "nsenter", inside + ["link", "add", "eth0", "type", "veth", "peer", "name", hostInterface, "netns", "\(getpid())"])
            try await HostCommand.run("ip", ["link", "set", "dev", hostInterface, "master", bridgeName, "up"])
            try await HostCommand.run("nsenter", inside + ["addr", "add", "\(sandbox.address)/\(network.prefixLength)", "dev", "eth0"])
            try await HostCommand.run("nsenter", inside + ["link", "set", "dev", "eth0", "up"])
            try await HostCommand.run("nsenter", inside + ["link", "set", "dev", "lo", "up"])
            try await HostCommand.run("nsenter", inside + ["route", "add", "default", "via", gatewayAddress])
        } catch let error as DevRuntimeError {
            await removeSandbox(podUID: podUID, namespacePath: namespacePath)
            throw DevRuntimeError(.sandbox, error.message)
        }
        return sandbox
    }

    /// Deletes the pod's veth and network namespace and frees its address. Safe to repeat, and
    /// for pods set up by an earlier run of the runtime.
    func removeSandbox(podUID: String, namespacePath: String) async {
        _ = try? await HostCommand.runAllowingFailure("ip", ["link", "del", "dev", Self.hostInterfaceName(podUID: podUID)])
        _ = try? await HostCommand.runAllowingFailure("umount", [namespacePath])
        try? FileManager.default.removeItem(atPath: namespacePath)
        allocated[podUID] = nil
    }

    private func allocate(podUID: String, preferred: UInt32?) throws -> UInt32 {
        if let existing = allocated[podUID] { return existing }
        let used = Set(allocated.values)
        if let preferred, network.podAddresses.contains(preferred), !used.contains(preferred) {
            allocated[podUID] = preferred
            return preferred
        }
        guard let free = network.podAddresses.first(where: { !used.contains($0) }) else {
            throw DevRuntimeError(.sandbox, "no free address left in pod network \(network.description)")
        }
        allocated[podUID] = free
        return free
    }
}
