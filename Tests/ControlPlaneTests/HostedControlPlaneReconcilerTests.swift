import ClusterAPI
import ControlPlane
import Foundation
import KubeKit
import KubeKitTesting
import Testing

@Suite("HostedControlPlane controller on the real API server")
struct HostedControlPlaneReconcilerTests {
    @Test("it writes every object owned and labelled, reports the endpoint and status per the contract, and re-reconciling changes nothing")
    func writesEverything() async throws {
        try await Envtest.shared().withNamespace { namespace, client in
            let world = try await ControlPlaneWorld.make(namespace: namespace, client: client, spec: HostedControlPlane.Spec(version: "v1.31.2", flavor: .kubeadm))
            let result = try await world.reconciler.reconcile(world.request)
            #expect(result == .requeue(after: .seconds(10)))
            let controlPlane = try await world.controlPlane()
            #expect(controlPlane.metadata.finalizers == [HostedControlPlaneReconciler.finalizer])
            for (resource, name) in ControlPlaneWorld.generated {
                let object = try await world.object(resource, name)
                #expect(object.metadata.controllerReference?.uid == controlPlane.metadata.uid, "\(resource.kind) \(name)")
                #expect(object.metadata.labels?[ClusterAPIGroup.clusterNameLabel] == "edge", "\(resource.kind) \(name)")
            }
            let kubeconfig = try await client.get(Secret.self, name: "edge-kubeconfig", namespace: namespace)
            #expect(kubeconfig.type == "cluster.x-k8s.io/secret")
            let kubeconfigText = String(decoding: kubeconfig.data?["value"] ?? Data(), as: UTF8.self)

            // The endpoint: no explicit one, a ClusterIP Service, so its cluster IP and the API port.
            let service = try await world.object(ManifestResources.service, "edge-control-plane")
            let clusterIP = try #require(service["spec"]?["clusterIP"]?.stringValue)
            #expect(controlPlane.spec.controlPlaneEndpoint == APIEndpoint(host: clusterIP, port: 6443))
            #expect(kubeconfigText.contains("https://\(clusterIP):6443"))

            let status = try #require(controlPlane.status)
            // No key or kubeconfig content reaches the status.
            let statusText = String(decoding: try JSONCoding.encoder.encode(status), as: UTF8.self)
            #expect(!statusText.contains("PRIVATE KEY") && !statusText.contains("client-key-data"))
            #expect(status.externalManagedControlPlane == true)
            #expect(status.selector == "app.kubernetes.io/component=control-plane,app.kubernetes.io/name=hosted-control-plane,cluster.x-k8s.io/cluster-name=edge")
            #expect(status.initialization?.controlPlaneInitialized != true)
            #expect(status.conditions?[type: "CertificatesAvailable"]?.status == .true)
            #expect(status.conditions?[type: "ServiceAvailable"]?.status == .true)
            #expect(status.conditions?[type: "Available"]?.reason == "WaitingForControlPlanePods")
            #expect(status.conditions?[type: "Ready"]?.status == .false)

            // Writing spec.controlPlaneEndpoint and the datastore bumped the generation; one more
            // pass records it. From then on nothing changes.
            _ = try await world.reconciler.reconcile(world.request)
            #expect(try await world.controlPlane().spec.datastore?.type == .sqlite)
            let statusBefore = try await world.controlPlane().metadata.resourceVersion
            let before = try await world.resourceVersions()
            #expect(before.count == ControlPlaneWorld.generated.count)
            // managedFields times have one-second resolution: wait so a needless write would show.
            try await Task.sleep(for: .milliseconds(1100))
            _ = try await world.reconciler.reconcile(world.request)
            let after = try await world.resourceVersions()
            #expect(after == before, "changed: \(after.filter { before[$0.key] != $0.value }.keys.sorted())")
            #expect(try await world.controlPlane().metadata.resourceVersion == statusBefore)

            // Deletion removes every generated object, then the finalizer.
            try await client.delete(HostedControlPlane.self, name: "edge", namespace: namespace)
            _ = try await world.reconciler.reconcile(world.request)
            await #expect(throws: KubeError.self) { try await world.controlPlane() }
            #expect(try await world.resourceVersions() == [:])
        }
    }

    @Test(
        "version changes roll the pods one minor at a time; downgrades and skipped minors are refused with a condition saying why",
        arguments: [
            ("v1.32.4", nil, "v1.32.4"),
            ("v1.31.9", nil, "v1.31.9"),
            ("v1.30.9", "VersionDowngradeRefused", "v1.31.2"),
            ("v1.33.0", "VersionSkipRefused", "v1.31.2"),
        ] as [(String, String?, String)])
    func versionChanges(requested: String, refusal: String?, running: String) async throws {
        try await Envtest.shared().withNamespace { namespace, client in
            // An endpoint on loopback where nothing listens: with a ready pod the controller asks it
            // for /readyz, and the cluster IP of the test server's Service leads off the machine.
            let unanswered = APIEndpoint(host: "127.0.0.1", port: Int32(try freePort()))
            let world = try await ControlPlaneWorld.make(
                namespace: namespace, client: client, spec: HostedControlPlane.Spec(version: "v1.31.2", flavor: .kubeadm, controlPlaneEndpoint: unanswered))
            _ = try await world.reconciler.reconcile(world.request)
            // The pods come up: the counts and the version are reported from the StatefulSet.
            try await world.reportStatefulSet(ready: 1, replicas: 1)
            _ = try await world.reconciler.reconcile(world.request)
            let reported = try #require(try await world.controlPlane().status)
            #expect(reported.replicas == 1 && reported.readyReplicas == 1 && reported.availableReplicas == 1 && reported.upToDateReplicas == 1)
            #expect(reported.version == "v1.31.2")
            #expect(reported.conditions?[type: "Available"]?.reason == "WaitingForAPIServer")

            _ = try await client.patch(HostedControlPlane.self, name: "edge", namespace: namespace, patch: .merge(["spec": ["version": .string(requested)]]))
            _ = try await world.reconciler.reconcile(world.request)
            let condition = try #require(try await world.condition("SpecAccepted"))
            if let refusal {
                #expect(condition.status == .false && condition.reason == refusal)
                #expect(condition.message.contains(requested), "\(condition.message)")
            } else {
                #expect(condition.status == .true)
            }
            #expect(try await world.container("kube-apiserver")?["image"]?.stringValue == "registry.k8s.io/kube-apiserver:\(running)")
            let strategy = try await world.statefulSet()["spec"]?["updateStrategy"]
            #expect(strategy?["type"] == "RollingUpdate")
            // Until the StatefulSet reports the new pods, status.version stays at the running one.
            #expect(try await world.controlPlane().status?.version == "v1.31.2")
        }
    }

    @Test("scaling changes the StatefulSet's replicas; more than one replica on SQLite is refused with a clear message")
    func scaling() async throws {
        try await Envtest.shared().withNamespace { namespace, client in
            let world = try await ControlPlaneWorld.make(
                namespace: namespace, client: client,
                spec: HostedControlPlane.Spec(version: "v1.31.2", datastore: HostedControlPlane.Datastore(type: .sqlite)))
            _ = try await world.reconciler.reconcile(world.request)
            _ = try await client.patch(HostedControlPlane.self, name: "edge", namespace: namespace, patch: .merge(["spec": ["replicas": 3]]))
            _ = try await world.reconciler.reconcile(world.request)
            let condition = try #require(try await world.condition("SpecAccepted"))
            #expect(condition.status == .false && condition.reason == "SQLiteReplicasRefused")
            #expect(condition.message.contains("SQLite"))
            #expect(try await world.statefulSet()["spec"]?["replicas"] == 1)

            _ = try await client.patch(
                HostedControlPlane.self, name: "edge", namespace: namespace,
                patch: .merge(["spec": ["datastore": ["type": "externalEtcd", "externalEtcd": ["endpoints": ["https://etcd.example:2379"]]]]]))
            _ = try await world.reconciler.reconcile(world.request)
            #expect(try await world.condition("SpecAccepted")?.status == .true)
            #expect(try await world.statefulSet()["spec"]?["replicas"] == 3)
        }
    }

    @Test("a missing kine data source Secret is reported in DatastoreAvailable, naming the Secret and field")
    func missingDataSource() async throws {
        try await Envtest.shared().withNamespace { namespace, client in
            let world = try await ControlPlaneWorld.make(
                namespace: namespace, client: client,
                spec: HostedControlPlane.Spec(
                    version: "v1.31.2",
                    datastore: HostedControlPlane.Datastore(type: .kine, kine: HostedControlPlane.Kine(dataSourceSecretRef: HostedControlPlane.SecretKeyReference(name: "edge-db", key: "dsn")))))
            await #expect(throws: (any Error).self) { try await world.reconciler.reconcile(world.request) }
            let condition = try #require(try await world.condition("DatastoreAvailable"))
            #expect(condition.status == .false && condition.message.contains("edge-db"))
            await #expect(throws: KubeError.self) { try await world.statefulSet() }

            _ = try await client.create(Secret(metadata: ObjectMeta(name: "edge-db", namespace: namespace), stringData: ["dsn": "postgres://kine:hunter2@db.example/kine"]))
            _ = try await world.reconciler.reconcile(world.request)
            let config = try await client.get(Secret.self, name: "edge-k0s-config", namespace: namespace)
            #expect(config.data?["k0s.yaml"].map { String(decoding: $0, as: UTF8.self).contains("dataSource: postgres://kine:hunter2@db.example/kine") } == true)
            let status = String(decoding: try JSONCoding.encoder.encode(try await world.controlPlane().status), as: UTF8.self)
            #expect(!status.contains("hunter2"))
        }
    }
}
