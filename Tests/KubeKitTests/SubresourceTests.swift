import Foundation
import KubeKit
import KubeKitTesting
import Testing

@Suite("status and scale subresources on the real CAPI CRDs")
struct SubresourceTests {
    @Test("status written through the main resource is ignored; through the status subresource it sticks")
    func statusSubresource() async throws {
        try await capiServer().withNamespace { namespace, client in
            var created = try await client.create(try machine("m1", in: namespace), resource: machines)
            created["status"] = ["phase": "Running"]
            let updated = try await client.update(created, resource: machines)
            #expect(updated["status"]?["phase"] == nil)

            var withStatus = updated
            withStatus["status"] = ["phase": "Provisioning", "initialization": ["infrastructureProvisioned": true]]
            let statusUpdated = try await client.updateStatus(withStatus, resource: machines)
            #expect(statusUpdated["status"]?["phase"]?.stringValue == "Provisioning")

            // A spec change through /status is ignored likewise.
            var specThroughStatus = statusUpdated
            specThroughStatus["spec"]?["version"] = "v1.99.0"
            let ignored = try await client.updateStatus(specThroughStatus, resource: machines)
            #expect(ignored["spec"]?["version"]?.stringValue == "v1.31.2")

            let patched = try await client.patch(
                UnstructuredObject.self, resource: machines, name: "m1", namespace: namespace,
                patch: .merge(["status": ["phase": "Running"]]), subresource: "status")
            #expect(patched["status"]?["phase"]?.stringValue == "Running")
            #expect(patched["status"]?["initialization"]?["infrastructureProvisioned"]?.boolValue == true)
        }
    }

    @Test("the scale subresource reads and sets a MachineDeployment's replicas")
    func scaleSubresource() async throws {
        try await capiServer().withNamespace { namespace, client in
            let deployment = try YAMLDocuments.objects("""
                apiVersion: cluster.x-k8s.io/v1beta2
                kind: MachineDeployment
                metadata: {name: md, namespace: \(namespace)}
                spec:
                  clusterName: c1
                  replicas: 2
                  selector: {matchLabels: {pool: a}}
                  template:
                    metadata: {labels: {pool: a}}
                    spec:
                      clusterName: c1
                      bootstrap: {dataSecretName: x}
                      infrastructureRef: {apiGroup: infrastructure.mothership.dev, kind: SSHMachineTemplate, name: t}
                """)[0]
            _ = try await client.create(deployment, resource: machineDeployments)
            var scale = try await client.getScale(resource: machineDeployments, name: "md", namespace: namespace)
            #expect(scale.spec.replicas == 2)
            scale.spec.replicas = 5
            let updated = try await client.updateScale(resource: machineDeployments, scale)
            #expect(updated.spec.replicas == 5)
            let read = try await client.get(UnstructuredObject.self, resource: machineDeployments, name: "md", namespace: namespace)
            #expect(read["spec"]?["replicas"]?.intValue == 5)

            let stale = scale
            let error = await kubeError { _ = try await client.updateScale(resource: machineDeployments, stale) }
            #expect(error?.code == .conflict)
        }
    }
}
