import ClusterAPI
import Foundation
import KubeKit
import KubeKitTesting
import ProviderKit
import SSHMachines

/// A management namespace with the Cluster `edge` (infrastructure provisioned), SSHHosts
/// pointing at real sshd instances, their key Secret, and helpers that create Machines with
/// SSHMachines and bootstrap data whose files and commands only touch `scratch`, a temporary
/// directory of the test's own.
struct SSHWorld {
    let namespace: String
    let client: KubeClient
    /// Every file the bootstrap data writes and every command's trace goes under here.
    let scratch: String

    static func make(namespace: String, client: KubeClient) async throws -> SSHWorld {
        let management = try await Envtest.shared()
        try await management.installCRDs(EnvtestServer.capiCRDPaths(["clusters", "machines"]))
        try await management.installCRDs(for: SSHMachinesProvider.kinds)
        let scratch = NSTemporaryDirectory() + "mothership-ssh-\(namespace)"
        try FileManager.default.createDirectory(atPath: scratch, withIntermediateDirectories: true)
        _ = try await client.create(Cluster(
            metadata: ObjectMeta(name: "edge", namespace: namespace), spec: Cluster.Spec(controlPlaneEndpoint: APIEndpoint(host: "127.0.0.1", port: 6443))))
        _ = try await client.patch(
            Cluster.self, name: "edge", namespace: namespace, patch: .merge(["status": ["initialization": ["infrastructureProvisioned": true]]]),
            subresource: "status")
        return SSHWorld(namespace: namespace, client: client, scratch: scratch)
    }

    func removeScratch() { try? FileManager.default.removeItem(atPath: scratch) }

    /// A reconciler as the manager builds it; short polls so tests move on quickly.
    func reconciler(logs: LogCapture = LogCapture()) -> InfraMachineReconciler<SSHMachineProvider> {
        InfraMachineReconciler(
            client: client, provider: SSHMachineProvider(client: client, connectionOptions: SSHConnection.Options(connectTimeout: .seconds(5))),
            options: .init(finalizer: SSHMachinesProvider.finalizer, minimumPoll: .milliseconds(100), maximumPoll: .milliseconds(500)),
            events: EventRecorder(client: client, reportingController: "mothership.dev/sshmachine", reportingInstance: "test", logger: logs.logger(label: "events")),
            logger: logs.logger(label: "sshmachine"))
    }

    /// The SSHHost `name` for `server`, with the server's client key in Secret `<name>-key`.
    @discardableResult
    func addHost(_ name: String, server: SSHServer, labels: [String: String] = [:], hostKeys: [String]? = nil, privateKey: String? = nil, port: Int? = nil, sudo: Bool = false) async throws -> SSHHost {
        _ = try await client.create(Secret(
            metadata: ObjectMeta(name: "\(name)-key", namespace: namespace), type: "kubernetes.io/ssh-auth",
            stringData: ["ssh-privatekey": privateKey ?? server.privateKey]))
        return try await client.create(SSHHost(
            metadata: ObjectMeta(name: name, namespace: namespace, labels: labels),
            spec: SSHHost.Spec(
                address: server.host, port: Int32(port ?? server.port), user: server.user,
                privateKeySecretRef: SSHHost.SecretKeyReference(name: "\(name)-key"), hostKeys: hostKeys ?? [server.hostPublicKey],
                sudo: sudo, workDirectory: "\(scratch)/work-\(name)")))
    }

    /// A Machine `name` with bootstrap data `userData` (cloud-config) and its SSHMachine.
    func addMachine(_ name: String, userData: String, spec: SSHMachine.Spec? = nil) async throws {
        _ = try await client.create(Secret(
            metadata: ObjectMeta(name: "\(name)-data", namespace: namespace, labels: [ClusterAPIGroup.clusterNameLabel: "edge"]),
            type: "cluster.x-k8s.io/secret", stringData: ["value": userData, "format": "cloud-config"]))
        let machine = try await client.create(Machine(
            metadata: ObjectMeta(name: name, namespace: namespace, labels: [ClusterAPIGroup.clusterNameLabel: "edge"]),
            spec: Machine.Spec(
                clusterName: "edge", bootstrap: Machine.Bootstrap(dataSecretName: "\(name)-data"),
                infrastructureRef: ContractVersionedObjectReference(apiGroup: SSHMachine.resource.group, kind: "SSHMachine", name: name),
                failureDomain: "rack-1")))
        var metadata = ObjectMeta(name: name, namespace: namespace, labels: [ClusterAPIGroup.clusterNameLabel: "edge"])
        metadata.ownerReferences = [OwnerReference(
            apiVersion: Machine.resource.apiVersion, kind: "Machine", name: name, uid: machine.metadata.uid ?? "", controller: true, blockOwnerDeletion: true)]
        _ = try await client.create(SSHMachine(
            metadata: metadata, spec: spec ?? SSHMachine.Spec(cleanupCommands: ["echo \(name) >> \(scratch)/cleanup.log"])))
    }

    func sshMachine(_ name: String) async throws -> SSHMachine { try await client.get(SSHMachine.self, name: name, namespace: namespace) }

    func condition(_ name: String) async throws -> Condition? {
        try await sshMachine(name).status?.conditions?[type: InfrastructureMachineStatus.machineProvisioned]
    }

    func host(_ name: String) async throws -> SSHHost { try await client.get(SSHHost.self, name: name, namespace: namespace) }

    /// Reconciles `name` until it is done (following requeues) or `attempts` run out; throws
    /// the reconcile's error.
    @discardableResult
    func settle(_ name: String, with reconciler: InfraMachineReconciler<SSHMachineProvider>, attempts: Int = 20) async throws -> ReconcileResult {
        var result = ReconcileResult.done
        for _ in 0..<attempts {
            result = try await reconciler.reconcile(ReconcileRequest(namespace: namespace, name: name))
            guard case .requeue(let delay) = result else { return result }
            if try await condition(name)?.reason == "WaitingForHost" { return result }
            try await Task.sleep(for: min(delay, .milliseconds(200)))
        }
        return result
    }

    /// Lines of the file `name` under the scratch directory (empty when it does not exist).
    func lines(_ name: String) -> [String] {
        ((try? String(contentsOfFile: "\(scratch)/\(name)", encoding: .utf8)) ?? "").split(separator: "\n").map(String.init)
    }

    /// A cloud-config writing and running only under the scratch directory, one trace file per
    /// machine.
    func cloudConfig(trace: String, commands: [String]? = nil) -> String {
        let commands = commands ?? ["echo one >> \(scratch)/\(trace)", "echo two >> \(scratch)/\(trace)"]
        return """
            #cloud-config
            write_files:
            - path: \(scratch)/files/\(trace)/plain.conf
              content: |
                plain content
              permissions: '0640'
            runcmd:
            \(commands.map { "- " + yamlQuoted($0) }.joined(separator: "\n"))
            """
    }

    private func yamlQuoted(_ text: String) -> String { "'" + text.replacingOccurrences(of: "'", with: "''") + "'" }
}
