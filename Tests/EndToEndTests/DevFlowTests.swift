import ClusterAPI
import ControlPlane
import Foundation
import KubeKit
import KubeKitTesting
import SSHMachines
import Testing

/// The product, end to end on one machine: `scripts/dev-up.sh` applies an ordinary Cluster
/// manifest to a real management API server; the hosted control plane runs as real processes;
/// real kubelets join it with a real `kubeadm join` over SSH; scaling and deletion go through
/// Mothership's controllers and the CAPI-core stand-in; `scripts/dev-down.sh` removes it all.
@Suite("End to end on one machine", .serialized)
struct DevFlowTests {
    static let namespace = "e2e"
    static let cluster = "e2e"
    static let nodes = ResourceDescriptor(group: "", version: "v1", kind: "Node", plural: "nodes", namespaced: false)
    static let machineDeployments = ResourceDescriptor(
        group: "cluster.x-k8s.io", version: "v1beta2", kind: "MachineDeployment", plural: "machinedeployments", namespaced: true)

    @Test("a Cluster manifest ends in a hosted control plane with two workers really joined; scaling 2 → 3 → 1 → 2 joins, cleans up and reuses hosts; deleting the Cluster and dev-down leave nothing behind")
    func clusterLifecycle() async throws {
        var dev = DevEnvironment(cluster: Self.cluster, hosts: 3, workers: 2)
        do {
            try await dev.up()
        } catch {
            _ = try? await dev.down()
            throw error
        }
        do {
            try await checkFlow(dev)
        } catch {
            _ = try? await dev.down()
            throw error
        }

        // dev-down stops every process it started and removes its directory.
        let pids = ["DEV_MANAGER_PID", "DEV_NODE_PID"].compactMap { dev.values[$0].flatMap(Int32.init) }
        let down = try await dev.down()
        #expect(down.status == 0, "\(down.errorTail)")
        for pid in pids { #expect(kill(pid, 0) != 0, "process \(pid) still runs") }
        #expect(!FileManager.default.fileExists(atPath: dev.directory))
    }

    func checkFlow(_ dev: DevEnvironment) async throws {
        let management = try dev.client(kubeconfig: "KUBECONFIG")
        let hosted = try dev.client(kubeconfig: "DEV_HOSTED_KUBECONFIG")

        // The Cluster follows its parts; the hosted API answers through <cluster>-kubeconfig.
        let cluster = try await management.get(Cluster.self, name: Self.cluster, namespace: Self.namespace)
        #expect(cluster.status?.conditions?[type: "Available"]?.status == .true)
        #expect(cluster.status?.initialization?.controlPlaneInitialized == true)
        #expect(cluster.spec.controlPlaneEndpoint?.host?.hasPrefix("127.0.0.2") == true, "the Service's loopback address: \(String(describing: cluster.spec.controlPlaneEndpoint))")
        #expect(try await hosted.health("/readyz").trimmingCharacters(in: .whitespacesAndNewlines) == "ok")

        try await expectJoined(replicas: 2, management: management, hosted: hosted)
        try await eventually("the join tokens to be deleted once every Machine has its Node") {
            try await Self.joinTokens(hosted) == 0
        }

        // Scale up: the third host is claimed and joins.
        try await scale(to: 3, management)
        try await expectJoined(replicas: 3, management: management, hosted: hosted, timeout: .seconds(600))

        // Scale down: two Machines go; their hosts are reset and released, their Nodes deleted.
        try await scale(to: 1, management)
        try await eventually(timeout: .seconds(600), "two Machines and their Nodes to be gone") {
            let machines = try await Self.machines(management)
            let nodes = try await hosted.list(UnstructuredObject.self, resource: Self.nodes).items
            return machines.count == 1 && nodes.count == 1 && nodes[0].metadata.name == machines[0].status?.nodeRef?.name
        }
        try await eventually("two hosts released") {
            try await management.list(SSHHost.self, namespace: Self.namespace).items.filter { $0.spec.consumerRef != nil }.count == 1
        }
        for host in try await management.list(SSHHost.self, namespace: Self.namespace).items where host.spec.consumerRef == nil {
            let name = host.metadata.name ?? ""
            let kubelet = try await dev.ssh(host: name, "systemctl is-active kubelet")
            #expect(kubelet.output.trimmingCharacters(in: .whitespacesAndNewlines) == "inactive", "\(name): \(kubelet.output) \(kubelet.error)")
            // kubeadm reset removed the node's credentials and configuration; the cleanup removed
            // the JoinConfiguration (with its token) the user data wrote.
            let files = try await dev.ssh(
                host: name,
                "for f in /etc/kubernetes/kubelet.conf /var/lib/kubelet/config.yaml /etc/mothership/kubeadm-join-config.yaml; do [ ! -e $f ] || echo $f; done")
            #expect(files.status == 0 && files.output.isEmpty, "\(name) still holds what the join wrote: \(files.output) \(files.error)")
        }

        // A released host is claimed again and joins again.
        try await scale(to: 2, management)
        try await expectJoined(replicas: 2, management: management, hosted: hosted, timeout: .seconds(600))

        // Deleting the Cluster removes everything below it and releases every host.
        try await management.delete(Cluster.self, name: Self.cluster, namespace: Self.namespace)
        try await eventually(timeout: .seconds(300), "the Cluster to be gone") {
            (try? await management.get(Cluster.self, name: Self.cluster, namespace: Self.namespace)) == nil
        }
        for (group, plural) in [
            ("cluster.x-k8s.io", "machinedeployments"), ("cluster.x-k8s.io", "machinesets"), ("cluster.x-k8s.io", "machines"),
            ("controlplane.mothership.dev", "hostedcontrolplanes"), ("bootstrap.mothership.dev", "workerconfigs"),
            ("infrastructure.mothership.dev", "sshmachines"), ("infrastructure.mothership.dev", "sshclusters"),
        ] {
            let version = group == "cluster.x-k8s.io" ? "v1beta2" : "v1beta1"
            let resource = ResourceDescriptor(group: group, version: version, kind: plural, plural: plural, namespaced: true)
            try await eventually("no \(plural) left") {
                try await management.list(UnstructuredObject.self, resource: resource, namespace: Self.namespace).items.isEmpty
            }
        }
        try await eventually("no Secret of the cluster left") {
            try await management.list(Secret.self, namespace: Self.namespace, options: ListOptions(labelSelector: [ClusterAPIGroup.clusterNameLabel: Self.cluster])).items.isEmpty
        }
        try await eventually("no pod of the control plane left") {
            try await management.list(UnstructuredObject.self, resource: ResourceDescriptor(group: "", version: "v1", kind: "Pod", plural: "pods", namespaced: true), namespace: Self.namespace).items.isEmpty
        }
        #expect(try await management.list(SSHHost.self, namespace: Self.namespace).items.allSatisfy { $0.spec.consumerRef == nil })
    }

    /// Every Machine Running with its Node, each Node Ready in the hosted cluster with its
    /// Machine's providerID.
    func expectJoined(replicas: Int, management: KubeClient, hosted: KubeClient, timeout: Duration = .seconds(300)) async throws {
        try await eventually(timeout: timeout, "\(replicas) Machines Running with Ready Nodes") {
            let machines = try await Self.machines(management)
            let nodes = try await hosted.list(UnstructuredObject.self, resource: Self.nodes).items
            guard machines.count == replicas, nodes.count == replicas, machines.allSatisfy({ $0.status?.phase == "Running" }) else { return false }
            return nodes.allSatisfy { node in
                node["status"]?["conditions"]?.arrayValue?.contains { $0["type"] == "Ready" && $0["status"] == "True" } == true
            }
        }
        let machines = try await Self.machines(management)
        let nodes = try await hosted.list(UnstructuredObject.self, resource: Self.nodes).items
        let providerIDs = Dictionary(uniqueKeysWithValues: nodes.map { ($0.metadata.name ?? "", $0["spec"]?["providerID"]?.stringValue ?? "") })
        for machine in machines {
            let providerID = try #require(machine.spec.providerID)
            #expect(providerID.hasPrefix("ssh://127.0.2."))
            #expect(providerIDs[machine.status?.nodeRef?.name ?? ""] == providerID, "\(machine.metadata.name ?? ""): \(providerIDs)")
        }
    }

    func scale(to replicas: Int, _ management: KubeClient) async throws {
        _ = try await management.patch(
            UnstructuredObject.self, resource: Self.machineDeployments, name: "\(Self.cluster)-workers", namespace: Self.namespace,
            patch: .merge(["spec": ["replicas": .int(Int64(replicas))]]))
    }

    static func machines(_ management: KubeClient) async throws -> [Machine] {
        try await management.list(Machine.self, namespace: namespace, options: ListOptions(labelSelector: [ClusterAPIGroup.clusterNameLabel: cluster])).items
    }

    static func joinTokens(_ hosted: KubeClient) async throws -> Int {
        try await hosted.list(Secret.self, namespace: "kube-system").items.filter { $0.type == "bootstrap.kubernetes.io/token" }.count
    }
}
