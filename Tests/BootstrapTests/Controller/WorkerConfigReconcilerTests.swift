import Bootstrap
import ClusterAPI
import Foundation
import KubeKit
import KubeKitTesting
import Testing

/// A management namespace wired to a real hosted cluster: the Cluster `edge` (not yet
/// initialized), its kubeconfig and CA Secrets, the Machine `edge-worker-0` and its
/// WorkerConfig with `spec`.
private struct World {
    let namespace: String
    let client: KubeClient
    let hosted: EnvtestServer
    let reconciler: WorkerConfigReconciler
    var request: ReconcileRequest { ReconcileRequest(namespace: namespace, name: "edge-worker-0") }

    static func make(namespace: String, client: KubeClient, spec: WorkerConfig.Spec, logs: LogCapture = LogCapture()) async throws -> World {
        let management = try await Envtest.shared()
        try await management.installCRDs(EnvtestServer.capiCRDPaths(["clusters", "machines"]))
        try await management.installCRDs(for: [WorkerConfig.self, WorkerConfigTemplate.self])
        let hosted = try await Envtest.start(instance: "hosted-join", extraArgs: ["--enable-bootstrap-token-auth"])
        _ = try await client.create(Secret(
            metadata: ObjectMeta(name: "edge-kubeconfig", namespace: namespace), type: "cluster.x-k8s.io/secret",
            stringData: ["value": try String(contentsOfFile: hosted.kubeconfigPath, encoding: .utf8)]))
        _ = try await client.create(Secret(
            metadata: ObjectMeta(name: "edge-ca", namespace: namespace), type: "cluster.x-k8s.io/secret",
            stringData: ["tls.crt": try String(contentsOfFile: hosted.caCertificatePath, encoding: .utf8)]))
        _ = try await client.create(Cluster(
            metadata: ObjectMeta(name: "edge", namespace: namespace),
            spec: Cluster.Spec(controlPlaneEndpoint: APIEndpoint(host: "127.0.0.1", port: 6443))))
        let machine = try await client.create(Machine(
            metadata: ObjectMeta(name: "edge-worker-0", namespace: namespace, labels: [ClusterAPIGroup.clusterNameLabel: "edge"]),
            spec: Machine.Spec(
                clusterName: "edge",
                bootstrap: Machine.Bootstrap(configRef: ContractVersionedObjectReference(apiGroup: "bootstrap.mothership.dev", kind: "WorkerConfig", name: "edge-worker-0")),
                infrastructureRef: ContractVersionedObjectReference(apiGroup: "infrastructure.mothership.dev", kind: "SSHMachine", name: "edge-worker-0"),
                version: "v1.31.2")))
        var metadata = ObjectMeta(name: "edge-worker-0", namespace: namespace, labels: [ClusterAPIGroup.clusterNameLabel: "edge"])
        metadata.ownerReferences = [OwnerReference(
            apiVersion: Machine.resource.apiVersion, kind: "Machine", name: "edge-worker-0", uid: machine.metadata.uid ?? "", controller: true,
            blockOwnerDeletion: true)]
        _ = try await client.create(WorkerConfig(metadata: metadata, spec: spec))
        let events = EventRecorder(client: client, reportingController: "mothership.dev/workerconfig", reportingInstance: "test", logger: logs.logger(label: "events"))
        let reconciler = WorkerConfigReconciler(client: client, events: events, logger: logs.logger(label: "bootstrap"))
        return World(namespace: namespace, client: client, hosted: hosted, reconciler: reconciler)
    }

    func setClusterInitialization(infrastructure: Bool, controlPlane: Bool) async throws {
        _ = try await client.patch(
            Cluster.self, name: "edge", namespace: namespace,
            patch: .merge(["status": ["initialization": ["infrastructureProvisioned": .bool(infrastructure), "controlPlaneInitialized": .bool(controlPlane)]]]),
            subresource: "status")
    }

    func config() async throws -> WorkerConfig { try await client.get(WorkerConfig.self, name: "edge-worker-0", namespace: namespace) }

    func condition() async throws -> Condition? { try await config().status?.conditions?[type: WorkerConfigReconciler.dataSecretAvailable] }

    func tokens() async throws -> JoinTokens { JoinTokens(hosted: try hosted.adminClient()) }
}

@Suite("WorkerConfig controller on real API servers", .serialized)
struct WorkerConfigReconcilerTests {
    @Test("it waits for the cluster, writes the data Secret once, keeps the token alive, sets the node's providerID and removes the token after the join")
    func fullLife() async throws {
        let fileContent = "secret-setting=42"
        let logs = LogCapture()
        try await Envtest.shared().withNamespace { namespace, client in
            let world = try await World.make(
                namespace: namespace, client: client,
                spec: WorkerConfig.Spec(flavor: .kubeadm, files: [WorkerConfig.File(path: "/etc/mothership/extra.conf", content: fileContent)]),
                logs: logs)

            _ = try await world.reconciler.reconcile(world.request)
            #expect(try await world.condition()?.reason == "WaitingForClusterInfrastructure")
            #expect(try await world.config().metadata.finalizers == [WorkerConfigReconciler.finalizer])
            try await world.setClusterInitialization(infrastructure: true, controlPlane: false)
            _ = try await world.reconciler.reconcile(world.request)
            #expect(try await world.condition()?.reason == "WaitingForControlPlaneInitialized")

            try await world.setClusterInitialization(infrastructure: true, controlPlane: true)
            let result = try await world.reconciler.reconcile(world.request)
            #expect(result == .requeue(after: .seconds(30)))
            let config = try await world.config()
            #expect(config.status?.dataSecretName == "edge-worker-0")
            #expect(config.status?.initialization?.dataSecretCreated == true && config.status?.ready == true)
            #expect(config.status?.conditions?[type: "Ready"]?.status == .true)
            let secret = try await client.get(Secret.self, name: "edge-worker-0", namespace: namespace)
            #expect(secret.type == "cluster.x-k8s.io/secret")
            #expect(secret.metadata.labels?[ClusterAPIGroup.clusterNameLabel] == "edge")
            #expect(secret.metadata.controllerReference?.uid == config.metadata.uid)
            #expect(secret.data.map { Set($0.keys) } == ["value", "format"])
            #expect(secret.data?["format"] == Data("cloud-config".utf8))
            let userData = String(decoding: secret.data?["value"] ?? Data(), as: UTF8.self)
            #expect(userData.hasPrefix("#cloud-config"))
            let (token, _) = try #require(try await world.tokens().find(for: "\(namespace).edge-worker-0"))
            #expect(userData.contains(token.token.value))
            // Neither the token nor file content ever reaches the status, an Event or a log line.
            let status = String(decoding: try JSONCoding.encoder.encode(config.status), as: UTF8.self)
            let events = try await client.list(Event.self, namespace: namespace).items
            #expect(events.contains { $0.reason == "DataSecretCreated" })
            let eventText = String(decoding: try JSONCoding.encoder.encode(events), as: UTF8.self)
            #expect(!logs.text.isEmpty)
            for text in [status, eventText, logs.text] {
                #expect(!text.contains(token.secret.value) && !text.contains(fileContent))
            }

            _ = try await world.reconciler.reconcile(world.request)
            #expect(try await client.get(Secret.self, name: "edge-worker-0", namespace: namespace).metadata.resourceVersion == secret.metadata.resourceVersion)

            // A token about to expire is extended while the machine has not joined.
            let hostedAdmin = try world.hosted.adminClient()
            _ = try await hostedAdmin.patch(
                Secret.self, name: token.secretName, namespace: "kube-system",
                patch: .merge(["stringData": ["expiration": .string(RFC3339.format(Date().addingTimeInterval(60)))]]))
            _ = try await world.reconciler.reconcile(world.request)
            let extended = try #require(try await world.tokens().find(for: "\(namespace).edge-worker-0"))
            #expect(extended.expiration.map { $0.timeIntervalSinceNow > 800 } == true)

            // The kubelet registers its Node with the Machine's label; the Node gets the providerID.
            let nodeName = "node-\(namespace)"
            _ = try await hostedAdmin.create(
                UnstructuredObject(apiVersion: "v1", kind: "Node", metadata: ObjectMeta(name: nodeName, labels: [WorkerConfigReconciler.machineLabel: "edge-worker-0"])),
                resource: ResourceDescriptor(group: "", version: "v1", kind: "Node", plural: "nodes", namespaced: false))
            _ = try await client.patch(Machine.self, name: "edge-worker-0", namespace: namespace, patch: .merge(["spec": ["providerID": "ssh://10.0.0.5"]]))
            _ = try await world.reconciler.reconcile(world.request)
            let node = try await hostedAdmin.get(
                UnstructuredObject.self, resource: ResourceDescriptor(group: "", version: "v1", kind: "Node", plural: "nodes", namespaced: false), name: nodeName)
            #expect(node["spec"]?["providerID"] == "ssh://10.0.0.5")

            // CAPI sets nodeRef; the token goes.
            _ = try await client.patch(Machine.self, name: "edge-worker-0", namespace: namespace, patch: .merge(["status": ["nodeRef": ["name": .string(nodeName)]]]), subresource: "status")
            #expect(try await world.reconciler.reconcile(world.request) == .done)
            #expect(try await world.tokens().find(for: "\(namespace).edge-worker-0") == nil)

            try await client.delete(WorkerConfig.self, name: "edge-worker-0", namespace: namespace)
            _ = try await world.reconciler.reconcile(world.request)
            await #expect(throws: KubeError.self) { try await world.config() }
        }
    }

    @Test(
        "a bad file gets a condition naming it and no data Secret",
        arguments: [
            ([WorkerConfig.File(path: "/etc/a", content: "x", contentFrom: WorkerConfig.Source(configMap: WorkerConfig.KeyReference(name: "c", key: "k")))], "exactly one of", true),
            ([WorkerConfig.File(path: "/etc/../a", content: "x")], "/etc/../a is not absolute", true),
            ([WorkerConfig.File(path: "/etc/b", contentFrom: WorkerConfig.Source(secret: WorkerConfig.KeyReference(name: "absent", key: "conf")))], "Secret", false),
        ] as [([WorkerConfig.File], String, Bool)])
    func badFiles(files: [WorkerConfig.File], message: String, terminal: Bool) async throws {
        try await Envtest.shared().withNamespace { namespace, client in
            let world = try await World.make(namespace: namespace, client: client, spec: WorkerConfig.Spec(files: files))
            try await world.setClusterInitialization(infrastructure: true, controlPlane: true)
            let error = await #expect(throws: (any Error).self) { try await world.reconciler.reconcile(world.request) }
            #expect((error is TerminalError) == terminal)
            let condition = try #require(try await world.condition())
            #expect(condition.status == .false && condition.reason == "InvalidFile")
            #expect(condition.message.contains(message), "\(condition.message)")
            await #expect(throws: KubeError.self) { try await client.get(Secret.self, name: "edge-worker-0", namespace: namespace) }
        }
    }

    @Test("a config whose install cannot be rendered gets a condition, no data Secret and no join token in the hosted cluster")
    func invalidInstallLeavesNoToken() async throws {
        try await Envtest.shared().withNamespace { namespace, client in
            let world = try await World.make(namespace: namespace, client: client, spec: WorkerConfig.Spec(install: WorkerConfig.Install(method: .bundle)))
            try await world.setClusterInitialization(infrastructure: true, controlPlane: true)
            await #expect(throws: TerminalError.self) { try await world.reconciler.reconcile(world.request) }
            let condition = try #require(try await world.condition())
            #expect(condition.status == .false && condition.reason == "InvalidInstall")
            #expect(condition.message.contains("spec.install.url"), "\(condition.message)")
            #expect(try await world.tokens().find(for: "\(namespace).edge-worker-0") == nil)
            await #expect(throws: KubeError.self) { try await client.get(Secret.self, name: "edge-worker-0", namespace: namespace) }
        }
    }
}
