import Bootstrap
import Foundation
import KubeKit
import KubeKitTesting
import Testing

private func openAPISchema(of kind: any CustomResource.Type) -> JSONValue {
    kind.customResourceDefinition()[path: ["spec", "versions"]]?.arrayValue?.first?[path: ["schema", "openAPIV3Schema"]] ?? .null
}

@Suite("WorkerConfig API")
struct WorkerConfigAPITests {
    @Test("the Swift types and their CRD schemas describe the same fields")
    func noDrift() throws {
        #expect(try SchemaDrift.problems(WorkerConfig.self, schema: openAPISchema(of: WorkerConfig.self)) == [])
        #expect(try SchemaDrift.problems(WorkerConfigTemplate.self, schema: openAPISchema(of: WorkerConfigTemplate.self)) == [])
    }

    @Test("fully populated objects of both kinds round-trip through the real API server; flavor and format are defaulted")
    func roundTrip() async throws {
        let server = try await Envtest.shared()
        try await server.installCRDs(for: [WorkerConfig.self, WorkerConfigTemplate.self])
        try await server.withNamespace { namespace, client in
            var sample = SchemaSample.make(openAPISchema(of: WorkerConfig.self), skipping: ["apiVersion", "kind", "metadata"])
            sample["metadata"] = ["name": "full", "namespace": .string(namespace)]
            var config = try JSONCoding.decoder.decode(WorkerConfig.self, from: try JSONCoding.encoder.encode(sample))
            let status = try #require(config.status)
            config.status = nil
            var created = try await client.create(config)
            #expect(created.spec == config.spec)
            created.status = status
            #expect(try await client.updateStatus(created).status == status)

            var templateSample = SchemaSample.make(openAPISchema(of: WorkerConfigTemplate.self), skipping: ["apiVersion", "kind", "metadata"])
            templateSample["metadata"] = ["name": "full", "namespace": .string(namespace)]
            let template = try JSONCoding.decoder.decode(WorkerConfigTemplate.self, from: try JSONCoding.encoder.encode(templateSample))
            #expect(try await client.create(template).spec == template.spec)

            let minimal = try await client.create(WorkerConfig(metadata: ObjectMeta(name: "minimal", namespace: namespace)))
            #expect(minimal.spec.flavor == .k0s && minimal.spec.format == .cloudConfig)
        }
    }

    @Test(
        "invalid WorkerConfigs are rejected by the API server, naming the field",
        arguments: [
            (["flavor": "rke2"], "spec.flavor"),
            (["install": ["method": "download", "sha256": "not-hex"]], "spec.install.sha256"),
            (["install": ["url": "https://x"]], "spec.install.method"),
            (["files": [["path": "relative/path", "content": "x"]]], "spec.files.path"),
            (["files": [["path": "/etc/a", "content": "x"], ["path": "/etc/a", "content": "y"]]], "spec.files"),
            (["taints": [["key": "dedicated", "effect": "Sometimes"]]], "spec.taints.effect"),
            (["joinTokenTTL": "a while"], "spec.joinTokenTTL"),
        ] as [(JSONValue, String)])
    func rejected(spec: JSONValue, field: String) async throws {
        let server = try await Envtest.shared()
        try await server.installCRDs(for: [WorkerConfig.self])
        try await server.withNamespace { namespace, client in
            let object = UnstructuredObject(
                apiVersion: WorkerConfig.resource.apiVersion, kind: "WorkerConfig", metadata: ObjectMeta(name: "bad", namespace: namespace),
                content: ["spec": spec])
            let error = await #expect(throws: KubeError.self) { try await client.create(object, resource: WorkerConfig.resource) }
            #expect(error?.code == .invalid)
            // Older API servers (v1.20 here) leave list indexes out of the path.
            let fields = error?.causes.compactMap { $0.field?.replacing(/\[\d+\]/, with: "") } ?? []
            #expect(fields.contains(field), "causes: \(error?.causes ?? [])")
        }
    }
}
