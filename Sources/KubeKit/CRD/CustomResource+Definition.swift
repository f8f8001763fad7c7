extension CustomResource {
    /// The `apiextensions.k8s.io/v1` CustomResourceDefinition of this kind: one served storage
    /// version, a structural schema (`apiVersion`, `kind`, `metadata`, `spec`, `status`), the
    /// subresources, columns and names of ``definition``.
    public static func customResourceDefinition() -> JSONValue {
        let resource = Self.resource
        let definition = Self.definition
        var properties: [String: JSONValue] = [
            "apiVersion": ["type": "string", "description": "The versioned schema of this representation of an object."],
            "kind": ["type": "string", "description": "The REST resource this object represents."],
            "metadata": ["type": "object"],
            "spec": definition.spec.json,
        ]
        var subresources: [String: JSONValue] = [:]
        if let status = definition.status {
            properties["status"] = status.json
            subresources["status"] = [:]
        }
        if let scale = definition.scale {
            var json: JSONValue = ["specReplicasPath": .string(scale.specReplicasPath), "statusReplicasPath": .string(scale.statusReplicasPath)]
            if let selector = scale.labelSelectorPath { json["labelSelectorPath"] = .string(selector) }
            subresources["scale"] = json
        }
        var version: JSONValue = [
            "name": .string(resource.version), "served": true, "storage": true,
            "schema": ["openAPIV3Schema": ["type": "object", "description": .string(definition.description), "properties": .object(properties), "required": ["spec"]]],
        ]
        if !subresources.isEmpty { version["subresources"] = .object(subresources) }
        let columns = definition.printerColumns.map { column -> JSONValue in
            var json: JSONValue = ["name": .string(column.name), "type": .string(column.type.rawValue), "jsonPath": .string(column.jsonPath)]
            if let description = column.description { json["description"] = .string(description) }
            if column.priority != 0 { json["priority"] = .int(Int64(column.priority)) }
            return json
        } + [["name": "Age", "type": "date", "jsonPath": ".metadata.creationTimestamp"]]
        version["additionalPrinterColumns"] = .array(columns)

        var names: JSONValue = [
            "kind": .string(resource.kind), "listKind": .string(resource.kind + "List"), "plural": .string(resource.plural),
            "singular": .string(resource.kind.lowercased()),
        ]
        if !definition.shortNames.isEmpty { names["shortNames"] = .array(definition.shortNames.map { .string($0) }) }
        if !definition.categories.isEmpty { names["categories"] = .array(definition.categories.map { .string($0) }) }
        var metadata: JSONValue = ["name": .string("\(resource.plural).\(resource.group)")]
        if !definition.labels.isEmpty { metadata["labels"] = .object(definition.labels.mapValues { .string($0) }) }
        return [
            "apiVersion": "apiextensions.k8s.io/v1", "kind": "CustomResourceDefinition", "metadata": metadata,
            "spec": [
                "group": .string(resource.group), "names": names, "scope": resource.namespaced ? "Namespaced" : "Cluster",
                "versions": [version],
            ],
        ]
    }
}
