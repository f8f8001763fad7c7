import Foundation
import KubeKit
import KubeKitTesting
import Testing

@Suite("create, get, update, delete against a real API server")
struct CRUDTests {
    @Test("a created object reads back with server-set metadata")
    func createAndGet() async throws {
        try await Envtest.shared().withNamespace { namespace, client in
            let created = try await client.create(configMap("settings", in: namespace, data: ["mode": "fast"]))
            #expect(created.metadata.uid != nil)
            #expect(created.metadata.resourceVersion != nil)
            #expect(created.metadata.creationTimestamp != nil)
            let read = try await client.get(ConfigMap.self, name: "settings", namespace: namespace)
            #expect(read.data == ["mode": "fast"])
            #expect(read.metadata.uid == created.metadata.uid)
        }
    }

    @Test("writes without a field manager are recorded under the client's user agent")
    func userAgentNamesTheManager() async throws {
        try await Envtest.shared().withNamespace { namespace, client in
            // An apply first: v1.20 tracks managers only on objects that were applied once.
            _ = try await client.apply(configMap("ua", in: namespace, data: ["a": "1"]), options: ApplyOptions(fieldManager: "applier"))
            let patched = try await client.patch(ConfigMap.self, name: "ua", namespace: namespace, patch: .merge(["data": ["b": "2"]]))
            #expect(patched.metadata.managedFields?.contains { $0.manager == "mothership" && $0.operation == "Update" } == true)
            let named = try await client.patch(
                ConfigMap.self, name: "ua", namespace: namespace, patch: .merge(["data": ["c": "3"]]),
                options: WriteOptions(fieldManager: "bootstrap-controller"))
            #expect(named.metadata.managedFields?.contains { $0.manager == "bootstrap-controller" } == true)
        }
    }

    @Test("an update with a stale resourceVersion is refused as a conflict and changes nothing")
    func updateWithStaleResourceVersion() async throws {
        try await Envtest.shared().withNamespace { namespace, client in
            let original = try await client.create(configMap("cm", in: namespace, data: ["v": "1"]))
            var first = original
            first.data = ["v": "2"]
            let updated = try await client.update(first)
            #expect(updated.metadata.resourceVersion != original.metadata.resourceVersion)

            var stale = original
            stale.data = ["v": "3"]
            let error = await kubeError { _ = try await client.update(stale) }
            #expect(error?.code == .conflict)
            #expect(try await client.get(ConfigMap.self, name: "cm", namespace: namespace).data == ["v": "2"])
        }
    }

    @Test("an update without a resourceVersion overwrites unconditionally")
    func updateWithoutResourceVersion() async throws {
        try await Envtest.shared().withNamespace { namespace, client in
            _ = try await client.create(configMap("cm", in: namespace, data: ["v": "1"]))
            var blind = configMap("cm", in: namespace, data: ["v": "9"])
            blind.metadata.resourceVersion = nil
            #expect(try await client.update(blind).data == ["v": "9"])
        }
    }

    @Test("delete removes the object; a UID precondition that does not match is a conflict")
    func deleteWithPreconditions() async throws {
        try await Envtest.shared().withNamespace { namespace, client in
            let created = try await client.create(configMap("cm", in: namespace))
            let error = await kubeError {
                try await client.delete(
                    ConfigMap.self, name: "cm", namespace: namespace,
                    options: DeleteOptions(preconditions: .init(uid: "00000000-0000-0000-0000-000000000000")))
            }
            #expect(error?.code == .conflict)
            _ = try await client.get(ConfigMap.self, name: "cm", namespace: namespace)

            try await client.delete(
                ConfigMap.self, name: "cm", namespace: namespace,
                options: DeleteOptions(preconditions: .init(uid: created.metadata.uid, resourceVersion: created.metadata.resourceVersion)))
            let gone = await kubeError { _ = try await client.get(ConfigMap.self, name: "cm", namespace: namespace) }
            #expect(gone?.code == .notFound)
        }
    }

    @Test("foreground propagation keeps the object with the foregroundDeletion finalizer until dependents are gone")
    func deleteWithForegroundPropagation() async throws {
        try await Envtest.shared().withNamespace { namespace, client in
            _ = try await client.create(configMap("owner", in: namespace))
            try await client.delete(ConfigMap.self, name: "owner", namespace: namespace, options: DeleteOptions(propagationPolicy: .foreground))
            // The test server runs no garbage collector, so the finalizer stays: proof the policy was sent.
            let pending = try await client.get(ConfigMap.self, name: "owner", namespace: namespace)
            #expect(pending.metadata.deletionTimestamp != nil)
            #expect(pending.metadata.finalizers == ["foregroundDeletion"])
            _ = try await client.patch(
                ConfigMap.self, name: "owner", namespace: namespace, patch: .merge(["metadata": ["finalizers": nil]]))
            let gone = await kubeError { _ = try await client.get(ConfigMap.self, name: "owner", namespace: namespace) }
            #expect(gone?.code == .notFound)
        }
    }

    @Test("a finalizer holds a deleted object until it is removed")
    func finalizerHoldsDeletion() async throws {
        try await Envtest.shared().withNamespace { namespace, client in
            var object = configMap("held", in: namespace)
            object.metadata.finalizers = ["mothership.dev/test"]
            _ = try await client.create(object)
            try await client.delete(ConfigMap.self, name: "held", namespace: namespace)
            var held = try await client.get(ConfigMap.self, name: "held", namespace: namespace)
            #expect(held.metadata.deletionTimestamp != nil)
            held.metadata.finalizers = []
            _ = try await client.update(held)
            let gone = await kubeError { _ = try await client.get(ConfigMap.self, name: "held", namespace: namespace) }
            #expect(gone?.code == .notFound)
        }
    }

    @Test("cluster-scoped objects need no namespace; namespaced ones refuse to go without")
    func scopes() async throws {
        let server = try await Envtest.shared()
        let client = try server.adminClient()
        let namespaces = try await client.list(Namespace.self)
        #expect(namespaces.items.contains { $0.metadata.name == "default" })
        let error = await kubeError { _ = try await client.get(ConfigMap.self, name: "x") }
        #expect(error?.code == .badRequest)
        #expect(error?.message.contains("namespace") == true)
    }

    @Test("untyped objects round-trip fields KubeKit does not model")
    func unstructuredRoundTrip() async throws {
        try await capiServer().withNamespace { namespace, client in
            let created = try await client.create(try machine("m1", in: namespace), resource: machines)
            #expect(created["spec"]?["infrastructureRef"]?["kind"]?.stringValue == "SSHMachine")
            #expect(created.apiVersion == "cluster.x-k8s.io/v1beta2")
            let read = try await client.get(UnstructuredObject.self, resource: machines, name: "m1", namespace: namespace)
            #expect(read["spec"]?["version"]?.stringValue == "v1.31.2")
            #expect(read.metadata.labels?["cluster.x-k8s.io/cluster-name"] == "c1")
        }
    }
}
