import ClusterAPI
import CoreStandIn
import Foundation
import KubeKit
import KubeKitTesting

/// One test's management namespace with the stand-in running on it: the Cluster `edge` (made by
/// ``makeCluster(ready:)``), its `edge-kubeconfig` Secret pointing at a second API server that
/// plays the hosted cluster, worker templates, and a manager with ``CoreStandIn`` registered and
/// watching only this namespace.
struct World {
    let namespace: String
    let client: KubeClient
    let hosted: KubeClient
    let logs: LogCapture
    private let manager: Task<Void, any Error>

    static let nodes = ResourceDescriptor(group: "", version: "v1", kind: "Node", plural: "nodes", namespaced: false)
    static let clusterName = "edge"
    /// The API server playing the hosted cluster, started once per test process.
    private static let hostedCluster = Task<EnvtestServer, any Error> { try await Envtest.start(instance: "capi-core-hosted") }

    static func start(namespace: String, client: KubeClient) async throws -> World {
        let management = try await Envtest.shared()
        try await management.installCRDs(EnvtestServer.capiCRDPaths(["clusters", "machines", "machinesets", "machinedeployments"]))
        try await management.installCRDs(for: [
            TestMachine.self, TestMachineTemplate.self, TestConfig.self, TestConfigTemplate.self, TestCluster.self, TestControlPlane.self,
        ])
        let hostedServer = try await hostedCluster.value
        _ = try await client.create(Secret(
            metadata: ObjectMeta(name: "\(clusterName)-kubeconfig", namespace: namespace, labels: [ClusterAPIGroup.clusterNameLabel: clusterName]),
            type: "cluster.x-k8s.io/secret",
            stringData: ["value": try String(contentsOfFile: hostedServer.kubeconfigPath, encoding: .utf8)]))
        let logs = LogCapture()
        let manager = Manager(client: client, options: ManagerOptions(name: "capi-core-test", serveAddress: nil, watchNamespace: namespace))
        await CoreStandIn.register(on: manager, options: CoreStandIn.Options(nodePollInterval: .seconds(1)), logger: logs.logger(label: "capi-core"))
        let task = Task { try await manager.run() }
        return World(namespace: namespace, client: client, hosted: try hostedServer.adminClient(), logs: logs, manager: task)
    }

    /// Runs `body` with a World in a namespace of its own, stopping it afterwards.
    static func run(_ body: (World) async throws -> Void) async throws {
        try await Envtest.shared().withNamespace { namespace, client in
            let world = try await start(namespace: namespace, client: client)
            do {
                try await body(world)
            } catch {
                try? await world.stop()
                let tail = world.logs.text.split(separator: "\n").suffix(30).joined(separator: "\n")
                let machines = (try? await world.machines())?.map { "\($0.metadata.name ?? "") \($0.status?.phase ?? "-") \($0.status?.conditions?.map { "\($0.type)=\($0.status.rawValue)/\($0.reason)" } ?? [])" } ?? []
                let sets = (try? await world.machineSets())?.map { "\($0.metadata.name ?? "") spec \($0.spec.replicas ?? -1) replicas \($0.status?.replicas ?? -1) available \($0.status?.availableReplicas ?? -1)" } ?? []
                let failures = world.logs.text.split(separator: "\n").filter { $0.contains("failed") && !$0.contains("CancellationError") }.suffix(10)
                print("World of \(namespace) failed; MachineSets:\n\(sets.joined(separator: "\n"))\nMachines:\n\(machines.joined(separator: "\n"))\nfailures:\n\(failures.joined(separator: "\n"))\nlast stand-in log lines:\n\(tail)")
                throw error
            }
            try await world.stop()
        }
    }

    /// Stops the manager and removes this test's Nodes from the hosted cluster.
    func stop() async throws {
        manager.cancel()
        _ = await manager.result
        for node in try await hosted.listAll(UnstructuredObject.self, resource: Self.nodes).items
        where node.metadata.name?.hasPrefix(namespace) == true {
            try? await hosted.delete(resource: Self.nodes, name: node.metadata.name ?? "")
        }
    }

    // MARK: objects

    /// The infrastructure cluster and control plane `edge`, and the Cluster referencing them; both
    /// parts already provisioned and initialized when `ready`.
    @discardableResult
    func makeCluster(ready: Bool) async throws -> Cluster {
        _ = try await client.create(TestCluster(metadata: ObjectMeta(name: Self.clusterName, namespace: namespace), spec: .init()))
        _ = try await client.create(TestControlPlane(metadata: ObjectMeta(name: Self.clusterName, namespace: namespace), spec: .init()))
        if ready {
            try await provisionInfrastructureCluster()
            try await initializeControlPlane()
        }
        return try await client.create(Cluster(
            metadata: ObjectMeta(name: Self.clusterName, namespace: namespace),
            spec: Cluster.Spec(
                controlPlaneRef: ContractVersionedObjectReference(apiGroup: TestControlPlane.resource.group, kind: "TestControlPlane", name: Self.clusterName),
                infrastructureRef: ContractVersionedObjectReference(apiGroup: TestCluster.resource.group, kind: "TestCluster", name: Self.clusterName))))
    }

    func provisionInfrastructureCluster() async throws {
        _ = try await client.patch(
            TestCluster.self, name: Self.clusterName, namespace: namespace,
            patch: .merge(["spec": ["controlPlaneEndpoint": ["host": "10.0.0.1", "port": 6443]]]))
        _ = try await client.patch(
            TestCluster.self, name: Self.clusterName, namespace: namespace,
            patch: .merge(["status": ["initialization": ["provisioned": true], "failureDomains": [["name": "zone-a"], ["name": "zone-b"]]]]),
            subresource: "status")
    }

    func initializeControlPlane() async throws {
        _ = try await client.patch(
            TestControlPlane.self, name: Self.clusterName, namespace: namespace,
            patch: .merge(["status": [
                "initialization": ["controlPlaneInitialized": true],
                "conditions": [["type": "Available", "status": "True", "reason": "Available", "message": "", "lastTransitionTime": .string(RFC3339.format(Date()))]],
            ]]),
            subresource: "status")
    }

    /// The worker templates: a bootstrap config template `worker` and an infrastructure machine
    /// template `name` of `flavor`, both with template labels and annotations.
    func makeTemplates(infrastructure name: String = "worker-small", flavor: String = "small") async throws {
        let metadata = TestTemplateMetadata(labels: ["standin.test/role": "worker"], annotations: ["standin.test/note": "from-template"])
        if try await client.getIfExists(TestConfigTemplate.self, name: "worker", namespace: namespace) == nil {
            _ = try await client.create(TestConfigTemplate(
                metadata: ObjectMeta(name: "worker", namespace: namespace),
                spec: .init(template: .init(metadata: metadata, spec: .init(role: "worker")))))
        }
        _ = try await client.create(TestMachineTemplate(
            metadata: ObjectMeta(name: name, namespace: namespace),
            spec: .init(template: .init(metadata: metadata, spec: .init(flavor: flavor)))))
    }

    /// A MachineDeployment `md` of `replicas` Machines made from the templates.
    @discardableResult
    func makeDeployment(
        replicas: Int32, infrastructure template: String = "worker-small", order: String? = nil,
        rollout: MachineDeployment.Rollout? = nil
    ) async throws -> MachineDeployment {
        var spec = MachineDeployment.Spec(
            clusterName: Self.clusterName, replicas: replicas, selector: LabelSelectorSpec(matchLabels: ["standin.test/pool": "md"]),
            template: MachineTemplateSpec(
                metadata: TemplateMetadata(labels: ["standin.test/pool": "md"]),
                spec: Machine.Spec(
                    clusterName: Self.clusterName,
                    bootstrap: Machine.Bootstrap(configRef: ContractVersionedObjectReference(apiGroup: TestConfig.resource.group, kind: "TestConfigTemplate", name: "worker")),
                    infrastructureRef: ContractVersionedObjectReference(apiGroup: TestMachine.resource.group, kind: "TestMachineTemplate", name: template),
                    version: "v1.31.2")))
        spec.deletion = order.map { MachineSet.Deletion(order: $0) }
        spec.rollout = rollout
        return try await client.create(MachineDeployment(metadata: ObjectMeta(name: "md", namespace: namespace), spec: spec))
    }

    // MARK: reading

    func cluster() async throws -> Cluster { try await client.get(Cluster.self, name: Self.clusterName, namespace: namespace) }
    func deployment() async throws -> MachineDeployment { try await client.get(MachineDeployment.self, name: "md", namespace: namespace) }
    func machineSets() async throws -> [MachineSet] { try await client.listAll(MachineSet.self, namespace: namespace).items }
    func machines() async throws -> [Machine] { try await client.listAll(Machine.self, namespace: namespace).items }
    func infraMachines() async throws -> [TestMachine] { try await client.listAll(TestMachine.self, namespace: namespace).items }
    func configs() async throws -> [TestConfig] { try await client.listAll(TestConfig.self, namespace: namespace).items }
    func nodes() async throws -> [UnstructuredObject] {
        try await hosted.listAll(UnstructuredObject.self, resource: Self.nodes).items.filter { $0.metadata.name?.hasPrefix(namespace) == true }
    }

    // MARK: playing the providers

    /// What a bootstrap provider does for the config `name`: reports its data Secret.
    func reportDataSecret(_ name: String) async throws {
        _ = try await client.patch(
            TestConfig.self, name: name, namespace: namespace,
            patch: .merge(["status": ["initialization": ["dataSecretCreated": true], "dataSecretName": .string("\(name)-userdata")]]),
            subresource: "status")
    }

    /// The providerID the infrastructure machine `name` reports.
    func providerID(_ name: String) -> String { "test://\(namespace)/\(name)" }

    /// What an infrastructure provider does for the machine `name`: reports it provisioned.
    func reportProvisioned(_ name: String) async throws {
        _ = try await client.patch(
            TestMachine.self, name: name, namespace: namespace,
            patch: .merge(["spec": ["providerID": .string(providerID(name)), "failureDomain": "zone-b"]]))
        _ = try await client.patch(
            TestMachine.self, name: name, namespace: namespace,
            patch: .merge(["status": ["initialization": ["provisioned": true], "addresses": [["type": "InternalIP", "address": "10.0.1.7"]]]]),
            subresource: "status")
    }

    /// What a kubelet does: registers the Node of machine `name` (named `<namespace>-<name>`) with
    /// its providerID, `Ready` as `ready` says. Returns the Node's name.
    @discardableResult
    func registerNode(_ name: String, ready: Bool = true) async throws -> String {
        let nodeName = "\(namespace)-\(name)"
        do {
            _ = try await hosted.create(
                UnstructuredObject(apiVersion: "v1", kind: "Node", metadata: ObjectMeta(name: nodeName), content: ["spec": ["providerID": .string(providerID(name))]]),
                resource: Self.nodes)
        } catch let error as KubeError where error.code == .alreadyExists {}
        try await setNodeReady(nodeName, ready)
        return nodeName
    }

    func setNodeReady(_ nodeName: String, _ ready: Bool) async throws {
        let now = JSONValue.string(RFC3339.format(Date()))
        _ = try await hosted.patch(
            UnstructuredObject.self, resource: Self.nodes, name: nodeName,
            patch: .merge(["status": ["conditions": [[
                "type": "Ready", "status": ready ? "True" : "False", "reason": ready ? "KubeletReady" : "KubeletNotReady",
                "message": ready ? "kubelet is posting ready status" : "container runtime is down", "lastHeartbeatTime": now, "lastTransitionTime": now,
            ]]]]),
            subresource: "status")
    }
}

extension KubeClient {
    func getIfExists<T: KubeResource>(_ type: T.Type, name: String, namespace: String) async throws -> T? {
        do {
            return try await get(T.self, name: name, namespace: namespace)
        } catch let error as KubeError where error.code == .notFound {
            return nil
        }
    }
}
