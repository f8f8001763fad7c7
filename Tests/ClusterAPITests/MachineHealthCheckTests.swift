import ClusterAPI
import KubeKit
import KubeKitTesting
import Testing

@Suite("CAPI MachineHealthCheck type")
struct MachineHealthCheckTests {
    static let crd = EnvtestServer.capiCRDPaths(["machinehealthchecks"])[0]
    /// Values the schema's patterns accept.
    static let serverValid: [String: JSONValue] = [
        "spec.remediation.templateRef.apiVersion": "infrastructure.mothership.dev/v1beta1",
        "spec.remediation.triggerIf.unhealthyInRange": "[1-3]",
    ]

    @Test("the Swift type carries every field of the v1.14 CRD's v1beta2 schema, and no other")
    func matchesCRDSchema() throws {
        #expect(try CRDConformance.schemaDifferences(MachineHealthCheck.self, crd: Self.crd) == [])
    }

    @Test("a fully populated MachineHealthCheck round-trips through the real API server unchanged")
    func roundTripsThroughServer() async throws {
        let differences = try await CRDConformance.serverRoundTripDifferences(
            MachineHealthCheck.self, crd: Self.crd, status: \.status, serverValid: Self.serverValid)
        #expect(differences == [])
    }
}
