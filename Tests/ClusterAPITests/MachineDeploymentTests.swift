import ClusterAPI
import KubeKitTesting
import Testing

@Suite("CAPI MachineDeployment type")
struct MachineDeploymentTests {
    static let crd = EnvtestServer.capiCRDPaths(["machinedeployments"])[0]

    @Test("the Swift type carries every field of the v1.14 CRD's v1beta2 schema, and no other")
    func matchesCRDSchema() throws {
        #expect(try CRDConformance.schemaDifferences(MachineDeployment.self, crd: Self.crd) == [])
    }

    @Test("a fully populated MachineDeployment round-trips through the real API server unchanged")
    func roundTripsThroughServer() async throws {
        let differences = try await CRDConformance.serverRoundTripDifferences(
            MachineDeployment.self, crd: Self.crd, status: \.status)
        #expect(differences == [])
    }
}
