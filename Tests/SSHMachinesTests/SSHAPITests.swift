import Foundation
import KubeKit
import KubeKitTesting
import SSHMachines
import Testing

@Suite("SSH provider API")
struct SSHAPITests {
    @Test("each kind's Swift type and generated CRD schema carry the same fields, and the CRD carries the contract label")
    func schemas() throws {
        let cases: [(any CustomResource.Type, any Codable.Type)] = [
            (SSHHost.self, SSHHost.self), (SSHMachine.self, SSHMachine.self), (SSHMachineTemplate.self, SSHMachineTemplate.self), (SSHCluster.self, SSHCluster.self),
        ]
        for (kind, type) in cases {
            let crd = kind.customResourceDefinition()
            let schema = try #require(crd[path: ["spec", "versions"]]?.arrayValue?.first?[path: ["schema", "openAPIV3Schema"]])
            #expect(try problems(type, schema: schema) == [], "\(kind)")
            #expect(crd[path: ["metadata", "labels", "cluster.x-k8s.io/v1beta2"]] == "v1beta1")
        }
    }

    @Test("the generated CRDs install on a real API server, and an SSHHost round-trips through it with its defaults")
    func install() async throws {
        let server = try await Envtest.shared()
        try await server.installCRDs(for: SSHMachinesProvider.kinds)
        try await server.withNamespace { namespace, client in
            let created = try await client.create(SSHHost(
                metadata: ObjectMeta(name: "h", namespace: namespace),
                spec: SSHHost.Spec(address: "10.0.0.5", privateKeySecretRef: SSHHost.SecretKeyReference(name: "k"))))
            #expect(created.spec.port == 22 && created.spec.user == "root" && created.spec.privateKeySecretRef.key == "ssh-privatekey")
        }
    }

    private func problems<T: Codable>(_ type: T.Type, schema: JSONValue) throws -> [String] {
        try SchemaDrift.problems(T.self, schema: schema)
    }
}
