import Foundation
import KubeKit
import KubeKitTesting
import Testing

@Suite("server-side apply")
struct ApplyTests {
    @Test("apply creates, then updates only the applied fields, recording the field manager")
    func applyCreatesAndUpdates() async throws {
        try await Envtest.shared().withNamespace { namespace, client in
            let created = try await client.apply(
                configMap("cm", in: namespace, data: ["owned": "1"]), options: ApplyOptions(fieldManager: "mothership"))
            #expect(created.data == ["owned": "1"])
            #expect(created.metadata.managedFields?.contains { $0.manager == "mothership" && $0.operation == "Apply" } == true)

            _ = try await client.patch(ConfigMap.self, name: "cm", namespace: namespace, patch: .merge(["data": ["user": "x"]]))
            let reapplied = try await client.apply(
                configMap("cm", in: namespace, data: ["owned": "2"]), options: ApplyOptions(fieldManager: "mothership"))
            #expect(reapplied.data == ["owned": "2", "user": "x"])
        }
    }

    @Test("applying a field another manager owns is a conflict naming the field; force takes it over")
    func conflictAndForce() async throws {
        try await Envtest.shared().withNamespace { namespace, client in
            _ = try await client.apply(configMap("cm", in: namespace, data: ["shared": "a"]), options: ApplyOptions(fieldManager: "first"))

            let error = await kubeError {
                _ = try await client.apply(configMap("cm", in: namespace, data: ["shared": "b"]), options: ApplyOptions(fieldManager: "second"))
            }
            #expect(error?.code == .conflict)
            #expect(error?.causes.contains { ($0.field ?? "").contains("data.shared") } == true)
            #expect(error?.message.contains("first") == true)
            #expect(try await client.get(ConfigMap.self, name: "cm", namespace: namespace).data == ["shared": "a"])

            let forced = try await client.apply(
                configMap("cm", in: namespace, data: ["shared": "b"]), options: ApplyOptions(fieldManager: "second", force: true))
            #expect(forced.data == ["shared": "b"])
            let owners = forced.metadata.managedFields?.compactMap(\.manager) ?? []
            #expect(owners.contains("second"))
            #expect(!owners.contains("first"))
        }
    }

    @Test("dry-run apply validates without persisting")
    func dryRun() async throws {
        try await Envtest.shared().withNamespace { namespace, client in
            let result = try await client.apply(
                configMap("cm", in: namespace, data: ["a": "1"]), options: ApplyOptions(fieldManager: "m", dryRun: true))
            #expect(result.data == ["a": "1"])
            let error = await kubeError { _ = try await client.get(ConfigMap.self, name: "cm", namespace: namespace) }
            #expect(error?.code == .notFound)
        }
    }
}
