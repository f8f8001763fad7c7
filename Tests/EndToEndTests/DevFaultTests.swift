import ClusterAPI
import Foundation
import KubeKit
import KubeKitTesting
import ProviderKit
import SSHMachines
import Testing

/// Faults in the end-to-end flow: the manager killed while a worker is being provisioned, and a
/// worker host nobody answers on.
extension DevFlowTests {
    static let csrs = ResourceDescriptor(
        group: "certificates.k8s.io", version: "v1", kind: "CertificateSigningRequest", plural: "certificatesigningrequests", namespaced: false)

    @Test("the manager killed during kubeadm join and restarted joins the host once and claims it once; the Machine on an unreachable host says why while the other joins; deletion still completes")
    func faults() async throws {
        var dev = DevEnvironment(cluster: "faults", hosts: 1, workers: 2)
        try await dev.up(extra: ["DEV_NO_CLUSTER": "1"])
        do {
            try await checkFaults(&dev)
        } catch {
            _ = try? await dev.down()
            throw error
        }
        let down = try await dev.down()
        #expect(down.status == 0, "\(down.errorTail)")
        #expect(!FileManager.default.fileExists(atPath: dev.directory))
    }

    func checkFaults(_ dev: inout DevEnvironment) async throws {
        let management = try dev.client(kubeconfig: "KUBECONFIG")
        let cluster = "faults", pool = "faults-workers"
        // A second host in the pool where nothing listens.
        let reachable = try await management.get(SSHHost.self, name: "\(cluster)-host-1", namespace: Self.namespace)
        var unreachable = SSHHost(
            metadata: ObjectMeta(name: "\(cluster)-host-gone", namespace: Self.namespace, labels: ["mothership.dev/pool": pool]),
            spec: reachable.spec)
        unreachable.spec.address = "127.0.2.99"
        unreachable.spec.port = 2299
        unreachable.spec.consumerRef = nil
        _ = try await management.create(unreachable)

        // The cluster, as dev-up.sh applies it.
        let applied = try await ScriptResult.run(
            "/bin/bash",
            ["-c", "set -o pipefail; \"$MOTHERSHIP_BIN\" generate cluster \(cluster) --flavor ssh --target-namespace \(Self.namespace) --kubernetes-version v1.20.2 --worker-machine-count 2 --templates \(DevEnvironment.repository)/templates | kubectl apply -f -"],
            environment: [
                "MOTHERSHIP_BIN": DevEnvironment.mothership, "KUBECONFIG": dev.values["KUBECONFIG"] ?? "", "HOME": dev.directory,
                "ETCD_PERSISTENCE": "EmptyDir", "SSH_HOST_POOL": pool,
            ],
            timeout: .seconds(120))
        #expect(applied.status == 0, "\(applied.error)")

        // Kill the manager while `kubeadm join` runs on the reachable host; start it again.
        try await eventually(timeout: .seconds(300), "kubeadm join to run on the reachable host") {
            Self.kubeadmJoinRunning()
        }
        let firstClaim = try await management.get(SSHHost.self, name: reachable.metadata.name ?? "", namespace: Self.namespace).spec.consumerRef
        let manager = try #require(dev.values["DEV_MANAGER_PID"].flatMap(Int32.init))
        #expect(kill(manager, SIGKILL) == 0)
        try await eventually(timeout: .seconds(30), "the killed manager to be gone") { kill(manager, 0) != 0 || Self.isZombie(manager) }
        try await dev.up(extra: ["DEV_NO_CLUSTER": "1"])
        #expect(dev.values["DEV_MANAGER_PID"] != "\(manager)")

        // The reachable host joins, once; the host stays with the Machine that first claimed it.
        let kubeconfigPath = "\(dev.directory)/\(cluster).kubeconfig"
        try await eventually(timeout: .seconds(300), "the hosted kubeconfig") {
            guard let value = try? await management.get(Secret.self, name: "\(cluster)-kubeconfig", namespace: Self.namespace).data?["value"] else { return false }
            return FileManager.default.createFile(atPath: kubeconfigPath, contents: value, attributes: [.posixPermissions: 0o600])
        }
        let hosted = KubeClient(configuration: try ClientConfiguration.fromKubeconfig(path: kubeconfigPath))
        try await eventually(timeout: .seconds(600), "one Machine Running with a Ready Node") {
            let machines = try await management.list(Machine.self, namespace: Self.namespace, options: ListOptions(labelSelector: [ClusterAPIGroup.clusterNameLabel: cluster])).items
            let nodes = try await hosted.list(UnstructuredObject.self, resource: Self.nodes).items
            return machines.filter { $0.status?.phase == "Running" && $0.status?.nodeRef != nil }.count == 1 && nodes.count == 1
                && nodes[0]["status"]?["conditions"]?.arrayValue?.contains { $0["type"] == "Ready" && $0["status"] == "True" } == true
        }
        let bootstrapCSRs = try await hosted.list(UnstructuredObject.self, resource: Self.csrs).items.filter {
            $0["spec"]?["username"]?.stringValue?.hasPrefix("system:bootstrap:") == true
        }
        #expect(bootstrapCSRs.count == 1, "one kubeadm join, one TLS bootstrap: \(bootstrapCSRs.map { $0.metadata.name ?? "" })")
        let claim = try await management.get(SSHHost.self, name: reachable.metadata.name ?? "", namespace: Self.namespace).spec.consumerRef
        #expect(claim == firstClaim)
        let sshMachines = try await management.list(SSHMachine.self, namespace: Self.namespace).items
        #expect(sshMachines.count == 2)

        // The Machine on the unreachable host says why.
        try await eventually("the unreachable host's SSHMachine to report it") {
            let gone = try await management.get(SSHHost.self, name: "\(cluster)-host-gone", namespace: Self.namespace)
            guard let consumer = gone.spec.consumerRef?.name else { return false }
            let machine = try await management.get(SSHMachine.self, name: consumer, namespace: Self.namespace)
            let condition = machine.status?.conditions?[type: InfrastructureMachineStatus.machineProvisioned]
            return condition?.reason == "HostUnreachable" && condition?.message.contains("127.0.2.99") == true
        }

        // Deleting the cluster completes, the unreachable Machine included, and frees both hosts.
        try await management.delete(Cluster.self, name: cluster, namespace: Self.namespace)
        try await eventually(timeout: .seconds(300), "the Cluster to be gone") {
            (try? await management.get(Cluster.self, name: cluster, namespace: Self.namespace)) == nil
        }
        #expect(try await management.list(SSHHost.self, namespace: Self.namespace).items.allSatisfy { $0.spec.consumerRef == nil })
    }

    /// Whether a `kubeadm join` runs on this machine (the test's only worker host runs it).
    static func kubeadmJoinRunning() -> Bool {
        let processes = (try? FileManager.default.contentsOfDirectory(atPath: "/proc")) ?? []
        return processes.contains { pid in
            guard pid.allSatisfy(\.isNumber), let data = FileManager.default.contents(atPath: "/proc/\(pid)/cmdline") else { return false }
            let arguments = data.split(separator: 0).map { String(decoding: $0, as: UTF8.self) }
            return arguments.count > 1 && arguments[0].hasSuffix("kubeadm") && arguments[1] == "join"
        }
    }

    /// A killed process stays a zombie until its parent (dev-up.sh's detached session) reaps it.
    static func isZombie(_ pid: Int32) -> Bool {
        guard let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8), let close = stat.lastIndex(of: ")") else { return true }
        return stat[stat.index(after: close)...].trimmingCharacters(in: .whitespaces).hasPrefix("Z")
    }
}
