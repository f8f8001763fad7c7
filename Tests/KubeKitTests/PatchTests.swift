import Foundation
import KubeKit
import KubeKitTesting
import Testing

@Suite("JSON merge, JSON and strategic merge patches")
struct PatchTests {
    @Test("a merge patch merges maps and deletes keys set to null")
    func mergePatch() async throws {
        try await Envtest.shared().withNamespace { namespace, client in
            _ = try await client.create(configMap("cm", in: namespace, labels: ["keep": "1", "drop": "1"], data: ["a": "1"]))
            let patched = try await client.patch(
                ConfigMap.self, name: "cm", namespace: namespace,
                patch: .merge(["metadata": ["labels": ["drop": nil, "new": "2"]], "data": ["b": "2"]]))
            #expect(patched.metadata.labels == ["keep": "1", "new": "2"])
            #expect(patched.data == ["a": "1", "b": "2"])
        }
    }

    @Test("a JSON patch applies operations in order; a failing test operation changes nothing")
    func jsonPatch() async throws {
        try await Envtest.shared().withNamespace { namespace, client in
            _ = try await client.create(configMap("cm", in: namespace, data: ["a": "1"]))
            let patched = try await client.patch(
                ConfigMap.self, name: "cm", namespace: namespace,
                patch: .json([
                    .test("/data/a", "1"),
                    .add("/metadata/labels", ["x": "y"]),
                    .add("/metadata/labels/\(JSONPatchOperation.escape("example.com/role"))", "worker"),
                    .replace("/data/a", "2"),
                ]))
            #expect(patched.metadata.labels == ["x": "y", "example.com/role": "worker"])
            #expect(patched.data == ["a": "2"])

            let error = await kubeError {
                _ = try await client.patch(
                    ConfigMap.self, name: "cm", namespace: namespace,
                    patch: .json([.test("/data/a", "1"), .replace("/data/a", "3")]))
            }
            #expect(error?.code == .invalid)
            #expect(try await client.get(ConfigMap.self, name: "cm", namespace: namespace).data == ["a": "2"])
        }
    }

    @Test("a strategic merge patch of a built-in kind")
    func strategicMergePatch() async throws {
        try await Envtest.shared().withNamespace { namespace, client in
            _ = try await client.create(configMap("cm", in: namespace, data: ["a": "1"]))
            let patched = try await client.patch(
                ConfigMap.self, name: "cm", namespace: namespace, patch: .strategicMerge(["data": ["b": "2"]]))
            #expect(patched.data == ["a": "1", "b": "2"])
        }
    }

    @Test("patching a missing object is not found")
    func patchMissing() async throws {
        try await Envtest.shared().withNamespace { namespace, client in
            let error = await kubeError {
                _ = try await client.patch(ConfigMap.self, name: "nope", namespace: namespace, patch: .merge(["data": ["a": "1"]]))
            }
            #expect(error?.code == .notFound)
        }
    }
}
