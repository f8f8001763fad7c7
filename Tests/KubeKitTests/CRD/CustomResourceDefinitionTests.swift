import Foundation
import KubeKit
import KubeKitTesting
import Testing

private let widgetSchema = Widget.customResourceDefinition()[path: ["spec", "versions"]]?.arrayValue?.first?[path: ["schema", "openAPIV3Schema"]] ?? .null

/// Widget's shape without its colour: a type that fell behind its schema.
private struct WidgetWithoutColor: Codable {
    var metadata: ObjectMeta
    var spec: Spec
    var status: Widget.Status?

    struct Spec: Codable {
        var size: Int?
        var replicas: Int32?
        var tags: [String]?
        var parts: [Widget.Part]?
    }
}

/// Widget's shape with a field the schema lacks.
private struct WidgetWithExtra: Codable {
    var metadata: ObjectMeta
    var spec: Spec
    var status: Widget.Status?

    struct Spec: Codable {
        var size: Int?
        var color: Widget.Color?
        var replicas: Int32?
        var tags: [String]?
        var parts: [Widget.Part]?
        var weight: Int?
    }
}

@Suite("CRDs generated from Swift types")
struct CustomResourceDefinitionTests {
    @Test("the Widget type and its schema describe the same fields")
    func noDrift() throws {
        #expect(try SchemaDrift.problems(Widget.self, schema: widgetSchema) == [])
    }

    @Test("drift either way is named: a schema field the type lacks, a type field the schema lacks")
    func driftDetected() throws {
        #expect(try SchemaDrift.problems(WidgetWithoutColor.self, schema: widgetSchema) == ["spec.color (missing from the type)"])
        #expect(try SchemaDrift.problems(WidgetWithExtra.self, schema: widgetSchema) == ["spec.weight (in the Swift type, not in the schema)"])
    }

    @Test("the CRD carries names, categories, subresources, columns and a structural schema")
    func definitionShape() throws {
        let crd = Widget.customResourceDefinition()
        #expect(crd[path: ["metadata", "name"]] == "widgets.test.mothership.dev")
        #expect(crd[path: ["spec", "names", "listKind"]] == "WidgetList")
        #expect(crd[path: ["spec", "names", "shortNames"]] == ["wdg"])
        #expect(crd[path: ["spec", "scope"]] == "Namespaced")
        let version = try #require(crd[path: ["spec", "versions"]]?.arrayValue?.first)
        #expect(version[path: ["subresources", "status"]] == [:])
        #expect(version[path: ["subresources", "scale", "specReplicasPath"]] == ".spec.replicas")
        #expect(version["additionalPrinterColumns"]?.arrayValue?.compactMap { $0["name"]?.stringValue } == ["Size", "Color", "Age"])
        #expect(version[path: ["schema", "openAPIV3Schema", "properties", "spec", "properties", "parts", "x-kubernetes-list-map-keys"]] == ["name"])
    }

    @Test("the CRD's YAML is stable and reads back as the same object, strings that look like other types quoted")
    func yamlStable() throws {
        var crd = Widget.customResourceDefinition()
        crd["metadata"]?["annotations"] = ["looks-like-bool": "true", "looks-like-number": "1", "multi-line": "a\nb\n"]
        let yaml = try YAMLDocuments.encode([crd])
        #expect(try YAMLDocuments.encode([crd]) == yaml)
        #expect(try YAMLDocuments.decode(yaml) == [crd])
        #expect(yaml.hasPrefix("apiVersion: apiextensions.k8s.io/v1\nkind: CustomResourceDefinition\n"))
    }

    @Test("a fully populated Widget round-trips through the real API server; a missing colour is defaulted; scale works")
    func roundTrip() async throws {
        try await widgetServer().withNamespace { namespace, client in
            var sample = SchemaSample.make(widgetSchema, skipping: ["apiVersion", "kind", "metadata"])
            sample["metadata"] = ["name": "full", "namespace": .string(namespace)]
            var widget = try JSONCoding.decoder.decode(Widget.self, from: try JSONCoding.encoder.encode(sample))
            let status = try #require(widget.status)
            widget.status = nil
            var created = try await client.create(widget)
            #expect(created.spec == widget.spec)
            created.status = status
            #expect(try await client.updateStatus(created).status == status)

            let plain = try await client.create(Widget("plain", in: namespace))
            #expect(plain.spec.color == .green)

            var scale = try await client.getScale(resource: Widget.resource, name: "full", namespace: namespace)
            #expect(scale.spec.replicas == widget.spec.replicas)
            scale.spec.replicas = 3
            _ = try await client.updateScale(resource: Widget.resource, scale)
            #expect(try await client.get(Widget.self, name: "full", namespace: namespace).spec.replicas == 3)
        }
    }

    @Test(
        "invalid Widgets are rejected by the API server, naming the field",
        arguments: [
            (["color": "purple"], "spec.color"),
            (["size": -1], "spec.size"),
            (["tags": ["Not-Lower"]], "spec.tags"),
            (["parts": [["serial": "x"]]], "spec.parts.name"),
        ] as [(JSONValue, String)])
    func rejected(spec: JSONValue, field: String) async throws {
        try await widgetServer().withNamespace { namespace, client in
            let object = UnstructuredObject(
                apiVersion: Widget.resource.apiVersion, kind: "Widget", metadata: ObjectMeta(name: "bad", namespace: namespace),
                content: ["spec": spec])
            let error = await #expect(throws: KubeError.self) { try await client.create(object, resource: Widget.resource) }
            #expect(error?.code == .invalid)
            // Older API servers (v1.20 here) leave list indexes out of the path: `spec.tags`, not `spec.tags[0]`.
            let fields = error?.causes.compactMap { $0.field?.replacing(/\[\d+\]/, with: "") } ?? []
            #expect(fields.contains(field), "causes: \(error?.causes ?? [])")
        }
    }
}
