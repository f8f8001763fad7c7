import ClusterAPI
import Foundation
import KubeKit
import KubeKitTesting
import Testing

@Suite("CAPI Machine type")
struct MachineTests {
    static let crd = EnvtestServer.capiCRDPaths(["machines"])[0]

    @Test("the Swift type carries every field of the v1.14 CRD's v1beta2 schema, and no other")
    func matchesCRDSchema() throws {
        let schema = try SchemaSample.schema(crdPath: Self.crd, version: "v1beta2")
        let sample = SchemaSample.make(schema, skipping: ["apiVersion", "kind", "metadata"])
        var withMetadata = sample
        withMetadata["metadata"] = ["name": "m"]
        var kept = try SchemaSample.roundTrip(withMetadata, as: Machine.self)
        kept["metadata"] = nil
        #expect(SchemaSample.differences(sample, kept) == [])
    }

    @Test("a fully populated Machine round-trips through the real API server unchanged")
    func roundTripsThroughServer() async throws {
        let server = try await Envtest.shared()
        try await server.installCRDs([Self.crd])
        try await server.withNamespace { namespace, client in
            let schema = try SchemaSample.schema(crdPath: Self.crd, version: "v1beta2")
            var sample = SchemaSample.make(schema, skipping: ["apiVersion", "kind", "metadata"])
            sample["metadata"] = ["name": "full", "namespace": .string(namespace)]
            var machine = try JSONCoding.decoder.decode(Machine.self, from: try JSONCoding.encoder.encode(sample))
            let status = machine.status
            machine.status = nil

            var created = try await client.create(machine)
            #expect(created.spec == machine.spec)
            created.status = status
            let updated = try await client.updateStatus(created)
            #expect(updated.status == status)
            let read = try await client.get(Machine.self, name: "full", namespace: namespace)
            #expect(read.spec == machine.spec)
            #expect(read.status == status)
        }
    }
}
