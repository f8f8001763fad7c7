import ClusterAPI
import KubeKitTesting
import Testing

@Suite("CAPI Machine type")
struct MachineTests {
    static let crd = EnvtestServer.capiCRDPaths(["machines"])[0]

    @Test("the Swift type carries every field of the v1.14 CRD's v1beta2 schema, and no other")
    func matchesCRDSchema() throws {
        #expect(try CRDConformance.schemaDifferences(Machine.self, crd: Self.crd) == [])
    }

    @Test("a fully populated Machine round-trips through the real API server unchanged")
    func roundTripsThroughServer() async throws {
        let differences = try await CRDConformance.serverRoundTripDifferences(
            Machine.self, crd: Self.crd, status: \.status)
        #expect(differences == [])
    }
}
