import ClusterAPI
import KubeKit
import KubeKitTesting
import Testing

@Suite("CAPI Cluster type")
struct ClusterTests {
    static let crd = EnvtestServer.capiCRDPaths(["clusters"])[0]
    /// Values the schema's patterns accept, for the health-check overrides of the topology.
    static let serverValid: [String: JSONValue] = [
        "spec.topology.controlPlane.healthCheck.remediation.templateRef.apiVersion": remediationAPIVersion,
        "spec.topology.controlPlane.healthCheck.remediation.triggerIf.unhealthyInRange": "[1-3]",
        "spec.topology.workers.machineDeployments.healthCheck.remediation.templateRef.apiVersion": remediationAPIVersion,
        "spec.topology.workers.machineDeployments.healthCheck.remediation.triggerIf.unhealthyInRange": "[1-3]",
    ]
    static let remediationAPIVersion: JSONValue = "infrastructure.mothership.dev/v1beta1"

    @Test("the Swift type carries every field of the v1.14 CRD's v1beta2 schema, and no other")
    func matchesCRDSchema() throws {
        #expect(try CRDConformance.schemaDifferences(Cluster.self, crd: Self.crd) == [])
    }

    @Test("a fully populated Cluster round-trips through the real API server unchanged")
    func roundTripsThroughServer() async throws {
        let differences = try await CRDConformance.serverRoundTripDifferences(
            Cluster.self, crd: Self.crd, status: \.status, serverValid: Self.serverValid)
        #expect(differences == [])
    }
}
