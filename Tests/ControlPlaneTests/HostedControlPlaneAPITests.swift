import ControlPlane
import Foundation
import KubeKit
import KubeKitTesting
import Testing

private func openAPISchema(of kind: any CustomResource.Type) -> JSONValue {
    kind.customResourceDefinition()[path: ["spec", "versions"]]?.arrayValue?.first?[path: ["schema", "openAPIV3Schema"]] ?? .null
}

@Suite("HostedControlPlane API")
struct HostedControlPlaneAPITests {
    @Test("the Swift types and their CRD schemas describe the same fields")
    func noDrift() throws {
        #expect(try SchemaDrift.problems(HostedControlPlane.self, schema: openAPISchema(of: HostedControlPlane.self)) == [])
        #expect(try SchemaDrift.problems(HostedControlPlaneTemplate.self, schema: openAPISchema(of: HostedControlPlaneTemplate.self)) == [])
    }

    @Test("the CRD has the status and scale subresources on spec.replicas, status.replicas and status.selector")
    func subresources() {
        let version = HostedControlPlane.customResourceDefinition()[path: ["spec", "versions"]]?.arrayValue?.first
        #expect(version?[path: ["subresources", "scale", "specReplicasPath"]] == ".spec.replicas")
        #expect(version?[path: ["subresources", "scale", "statusReplicasPath"]] == ".status.replicas")
        #expect(version?[path: ["subresources", "scale", "labelSelectorPath"]] == ".status.selector")
        #expect(version?[path: ["subresources", "status"]] != nil)
    }

    @Test("fully populated objects of both kinds round-trip through the real API server; flavor, replicas and ports are defaulted")
    func roundTrip() async throws {
        let server = try await Envtest.shared()
        try await server.installCRDs(for: HostedControlPlaneReconciler.kinds)
        try await server.withNamespace { namespace, client in
            var sample = SchemaSample.make(openAPISchema(of: HostedControlPlane.self), skipping: ["apiVersion", "kind", "metadata"])
            sample["metadata"] = ["name": "full", "namespace": .string(namespace)]
            var controlPlane = try JSONCoding.decoder.decode(HostedControlPlane.self, from: try JSONCoding.encoder.encode(sample))
            let status = try #require(controlPlane.status)
            controlPlane.status = nil
            var created = try await client.create(controlPlane)
            #expect(created.spec == controlPlane.spec)
            created.status = status
            #expect(try await client.updateStatus(created).status == status)

            var templateSample = SchemaSample.make(openAPISchema(of: HostedControlPlaneTemplate.self), skipping: ["apiVersion", "kind", "metadata"])
            templateSample["metadata"] = ["name": "full", "namespace": .string(namespace)]
            let template = try JSONCoding.decoder.decode(HostedControlPlaneTemplate.self, from: try JSONCoding.encoder.encode(templateSample))
            #expect(try await client.create(template).spec == template.spec)

            let minimal = try await client.create(HostedControlPlane(
                metadata: ObjectMeta(name: "minimal", namespace: namespace),
                spec: HostedControlPlane.Spec(version: "v1.31.2", service: HostedControlPlane.ServiceSpec())))
            #expect(minimal.spec.flavor == .k0s && minimal.spec.replicas == 1)
            #expect(minimal.spec.service?.apiServerPort == 6443 && minimal.spec.service?.konnectivityPort == 8132 && minimal.spec.service?.type == .clusterIP)
        }
    }

    @Test(
        "invalid HostedControlPlanes are rejected by the API server, naming the field",
        arguments: [
            (["flavor": "rke2", "version": "v1.31.2"], "spec.flavor"),
            (["flavor": "k0s"], "spec.version"),
            (["version": "1.31"], "spec.version"),
            (["version": "v1.31.2", "replicas": 0], "spec.replicas"),
            (["version": "v1.31.2", "service": ["type": "External"]], "spec.service.type"),
            (["version": "v1.31.2", "service": ["apiServerNodePort": 80]], "spec.service.apiServerNodePort"),
            (["version": "v1.31.2", "datastore": ["type": "etcd", "etcd": ["replicas": 9]]], "spec.datastore.etcd.replicas"),
            (["version": "v1.31.2", "datastore": ["type": "mongodb"]], "spec.datastore.type"),
            (["version": "v1.31.2", "datastore": ["type": "externalEtcd", "externalEtcd": ["endpoints": ["etcd:2379"]]]], "spec.datastore.externalEtcd.endpoints"),
            (["version": "v1.31.2", "persistence": ["size": "lots"]], "spec.persistence.size"),
            (["version": "v1.31.2", "certificates": ["keyAlgorithm": "DSA"]], "spec.certificates.keyAlgorithm"),
            (["version": "v1.31.2", "certificates": ["validity": "a year"]], "spec.certificates.validity"),
        ] as [(JSONValue, String)])
    func rejected(spec: JSONValue, field: String) async throws {
        let server = try await Envtest.shared()
        try await server.installCRDs(for: HostedControlPlaneReconciler.kinds)
        try await server.withNamespace { namespace, client in
            let object = UnstructuredObject(
                apiVersion: HostedControlPlane.resource.apiVersion, kind: "HostedControlPlane", metadata: ObjectMeta(name: "bad", namespace: namespace),
                content: ["spec": spec])
            let error = await #expect(throws: KubeError.self) { try await client.create(object, resource: HostedControlPlane.resource) }
            #expect(error?.code == .invalid)
            // Older API servers (v1.20 here) leave list indexes out of the path.
            let fields = error?.causes.compactMap { $0.field?.replacing(/\[\d+\]/, with: "") } ?? []
            #expect(fields.contains(field), "causes: \(error?.causes ?? [])")
        }
    }
}
