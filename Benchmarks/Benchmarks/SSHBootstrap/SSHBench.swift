import ClusterAPI
import Foundation
import KubeKit
import KubeKitTesting
import SSHMachines

/// One benchmark world: a private API server with the CAPI and SSH CRDs, `hosts` sshd
/// instances each on its own loopback address (127.0.2.x), their SSHHosts, and a Manager
/// running the SSH provider's controllers on the world's namespace.
actor SSHBench {
    let client: KubeClient
    let namespace: String
    let scratch: String
    let hostCount: Int
    private var servers: [[String: String]]
    private var round = 0
    private let manager: Task<Void, any Error>

    /// The worlds made so far, one per host count, reused across iterations.
    private actor Registry {
        var worlds: [Int: SSHBench] = [:]

        func world(hosts: Int) async throws -> SSHBench {
            if let world = worlds[hosts] { return world }
            let world = try await SSHBench.make(hosts: hosts)
            worlds[hosts] = world
            return world
        }

        func removeAll() -> [SSHBench] {
            defer { worlds = [:] }
            return Array(worlds.values)
        }
    }

    private static let registry = Registry()

    static func shared(hosts: Int) async throws -> SSHBench {
        try await registry.world(hosts: hosts)
    }

    static func stopAll() async throws {
        for world in await registry.removeAll() { await world.stop() }
        try await Envtest.stop(try await Envtest.start(instance: "bench-ssh"))
    }

    private init(client: KubeClient, namespace: String, scratch: String, hostCount: Int, servers: [[String: String]], manager: Task<Void, any Error>) {
        self.client = client
        self.namespace = namespace
        self.scratch = scratch
        self.hostCount = hostCount
        self.servers = servers
        self.manager = manager
    }

    private static func make(hosts: Int) async throws -> SSHBench {
        let server = try await Envtest.start(instance: "bench-ssh")
        try await server.installCRDs(EnvtestServer.capiCRDPaths(["clusters", "machines"]))
        try await server.installCRDs(for: SSHMachinesProvider.kinds)
        let client = try server.adminClient()
        let namespace = "bench-ssh-\(hosts)-" + UUID().uuidString.prefix(6).lowercased()
        let scratch = NSTemporaryDirectory() + namespace
        try FileManager.default.createDirectory(atPath: scratch, withIntermediateDirectories: true)
        _ = try await client.create(Namespace(metadata: ObjectMeta(name: namespace)))
        _ = try await client.create(Cluster(
            metadata: ObjectMeta(name: "edge", namespace: namespace), spec: Cluster.Spec(controlPlaneEndpoint: APIEndpoint(host: "127.0.0.1", port: 6443))))
        _ = try await client.patch(
            Cluster.self, name: "edge", namespace: namespace, patch: .merge(["status": ["initialization": ["infrastructureProvisioned": true]]]),
            subresource: "status")
        var servers: [[String: String]] = []
        for index in 0..<hosts {
            let values = try await SSHDaemon.start(name: "\(namespace)-\(index)", host: "127.0.2.\(index + 1)")
            servers.append(values)
            let key = try String(contentsOfFile: values["SSHD_KEY"] ?? "", encoding: .utf8)
            _ = try await client.create(Secret(
                metadata: ObjectMeta(name: "host-\(index)-key", namespace: namespace), type: "kubernetes.io/ssh-auth", stringData: ["ssh-privatekey": key]))
            _ = try await client.create(SSHHost(
                metadata: ObjectMeta(name: "host-\(index)", namespace: namespace),
                spec: SSHHost.Spec(
                    address: values["SSHD_HOST"] ?? "", port: Int32(values["SSHD_PORT"] ?? "") ?? 22, user: values["SSHD_USER"],
                    privateKeySecretRef: SSHHost.SecretKeyReference(name: "host-\(index)-key"),
                    hostKeys: [try String(contentsOfFile: values["SSHD_HOST_KEY_PUB"] ?? "", encoding: .utf8)],
                    workDirectory: "\(scratch)/work-\(index)")))
        }
        let manager = Manager(client: client, options: ManagerOptions(name: "bench-ssh", serveAddress: nil, watchNamespace: namespace))
        await SSHMachinesProvider.register(on: manager)
        let running = Task { try await manager.run() }
        return SSHBench(client: client, namespace: namespace, scratch: scratch, hostCount: hosts, servers: servers, manager: running)
    }

    /// What one round measured.
    struct Round {
        var machinesPerMinute: Double
        var peakResidentBytes: Int
    }

    /// Creates one Machine and SSHMachine per host at once, waits until every SSHMachine is
    /// provisioned (their bootstrap ran over SSH), then deletes them and waits until every host
    /// is released again. Only the first part is timed.
    func round() async throws -> Round {
        round += 1
        let names = (0..<hostCount).map { "r\(round)-worker-\($0)" }
        let peak = PeakMemory()
        let sampler = Task { await peak.sample() }
        let start = ContinuousClock.now
        try await concurrently(names) { name in try await self.createMachine(name) }
        try await waitUntil("\(names.count) SSHMachines provisioned") {
            try await self.client.list(SSHMachine.self, namespace: self.namespace).items
                .filter { names.contains($0.metadata.name ?? "") && $0.status?.initialization?.provisioned == true }.count == names.count
        }
        let elapsed = ContinuousClock.now - start
        sampler.cancel()
        let peakBytes = await peak.value
        try await concurrently(names) { name in
            try await self.client.delete(SSHMachine.self, name: name, namespace: self.namespace)
            try await self.client.delete(Machine.self, name: name, namespace: self.namespace)
        }
        try await waitUntil("every host released") {
            try await self.client.list(SSHHost.self, namespace: self.namespace).items.allSatisfy { $0.spec.consumerRef == nil }
        }
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        return Round(machinesPerMinute: Double(names.count) * 60 / seconds, peakResidentBytes: peakBytes)
    }

    private func createMachine(_ name: String) async throws {
        let userData = """
            #cloud-config
            write_files:
            - path: \(scratch)/files/\(name)/node.conf
              content: |
                node=\(name)
              permissions: '0600'
            runcmd:
            - echo \(name) one >> \(scratch)/trace
            - [sh, -c, "echo \(name) two >> \(scratch)/trace"]
            """
        _ = try await client.create(Secret(
            metadata: ObjectMeta(name: "\(name)-data", namespace: namespace), type: "cluster.x-k8s.io/secret",
            stringData: ["value": userData, "format": "cloud-config"]))
        let machine = try await client.create(Machine(
            metadata: ObjectMeta(name: name, namespace: namespace, labels: [ClusterAPIGroup.clusterNameLabel: "edge"]),
            spec: Machine.Spec(
                clusterName: "edge", bootstrap: Machine.Bootstrap(dataSecretName: "\(name)-data"),
                infrastructureRef: ContractVersionedObjectReference(apiGroup: SSHMachine.resource.group, kind: "SSHMachine", name: name))))
        var metadata = ObjectMeta(name: name, namespace: namespace, labels: [ClusterAPIGroup.clusterNameLabel: "edge"])
        metadata.ownerReferences = [OwnerReference(
            apiVersion: Machine.resource.apiVersion, kind: "Machine", name: name, uid: machine.metadata.uid ?? "", controller: true, blockOwnerDeletion: true)]
        _ = try await client.create(SSHMachine(metadata: metadata, spec: SSHMachine.Spec(cleanupCommands: ["true"])))
    }

    private func stop() async {
        manager.cancel()
        _ = try? await manager.value
        for values in servers { await SSHDaemon.stop(values) }
        try? FileManager.default.removeItem(atPath: scratch)
    }

    private func waitUntil(_ what: String, _ condition: @Sendable () async throws -> Bool) async throws {
        let deadline = ContinuousClock.now + .seconds(300)
        while ContinuousClock.now < deadline {
            if try await condition() { return }
            try await Task.sleep(for: .milliseconds(50))
        }
        throw EnvtestError(message: "timed out waiting for \(what)")
    }
}

/// The highest resident set size seen while sampling every 20 ms.
actor PeakMemory {
    private(set) var value = 0

    func sample() async {
        while !Task.isCancelled {
            value = max(value, ProcessMemory.residentBytes)
            try? await Task.sleep(for: .milliseconds(20))
        }
    }
}

/// Runs `body` for every element, all at once.
func concurrently(_ names: [String], _ body: @escaping @Sendable (String) async throws -> Void) async throws {
    try await withThrowingTaskGroup(of: Void.self) { group in
        for name in names { group.addTask { try await body(name) } }
        try await group.waitForAll()
    }
}
