import ClusterAPI
import Foundation
import KubeKit
import KubeKitTesting

/// How each CAPI core type is checked against its real CRD's v1beta2 schema: offline, that the
/// type keeps every field of the schema and adds none; on the real API server, that a
/// fully populated object comes back as it was sent.
enum CRDConformance {
    /// The fields in which `T` and the CRD's v1beta2 schema differ (see ``SchemaDrift``); empty
    /// when the type matches.
    static func schemaDifferences<T: Codable>(_ type: T.Type, crd: String) throws -> [String] {
        try SchemaDrift.problems(T.self, schema: try SchemaSample.schema(crdPath: crd, version: "v1beta2"))
    }

    /// Creates an object of `T` with every field of the CRD's schema set (status written through
    /// the status subresource), reads it back, and returns the paths that differ from what was
    /// sent. `serverValid` replaces sample values the schema's patterns reject, by dotted path
    /// (arrays are stepped through).
    static func serverRoundTripDifferences<T: KubeResource & Hashable, Status: Hashable & Sendable>(
        _ type: T.Type, crd: String, status: WritableKeyPath<T, Status?>, serverValid: [String: JSONValue] = [:]
    ) async throws -> [String] {
        let server = try await Envtest.shared()
        try await server.installCRDs([crd])
        return try await server.withNamespace { namespace, client in
            let schema = try SchemaSample.schema(crdPath: crd, version: "v1beta2")
            var sample = SchemaSample.make(schema, skipping: ["apiVersion", "kind", "metadata"])
            for (path, value) in serverValid {
                sample = replacing(path.split(separator: ".").map(String.init)[...], with: value, in: sample)
            }
            sample["metadata"] = ["name": "full", "namespace": .string(namespace)]
            let object = try JSONCoding.decoder.decode(T.self, from: try JSONCoding.encoder.encode(sample))

            var withoutStatus = object
            withoutStatus[keyPath: status] = nil
            var created = try await client.create(withoutStatus)
            created[keyPath: status] = object[keyPath: status]
            _ = try await client.updateStatus(created)
            var read = try await client.get(T.self, name: "full", namespace: namespace)
            read.metadata = object.metadata
            return SchemaSample.differences(try JSONValue(encoding: object), try JSONValue(encoding: read))
        }
    }

    private static func replacing(_ path: ArraySlice<String>, with value: JSONValue, in json: JSONValue) -> JSONValue {
        guard let key = path.first else { return value }
        switch json {
        case .array(let items):
            return .array(items.map { replacing(path, with: value, in: $0) })
        case .object(var fields):
            guard let child = fields[key] else { return json }
            fields[key] = replacing(path.dropFirst(), with: value, in: child)
            return .object(fields)
        default:
            return json
        }
    }
}
