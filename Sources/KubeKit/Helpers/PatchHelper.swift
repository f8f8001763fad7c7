/// Writes back what a reconcile changed in an object, and nothing else: snapshot the object when
/// the reconcile starts, change it freely, then ``patch(_:)`` once at the end.
///
/// Metadata and spec go as one JSON merge patch of the main resource, status as another of the
/// `status` subresource; a part that did not change is not sent at all. Conditions are merged
/// rather than overwritten: the conditions this reconcile set or removed are replayed onto the
/// server's newest list under a resourceVersion precondition, re-reading on conflict, so a
/// condition another controller wrote meanwhile is never lost.
public struct PatchHelper<Object: KubeResource>: Sendable {
    /// Tries at most this many times to write conditions when other writers keep winning.
    public static var conditionAttempts: Int { 5 }

    private let client: KubeClient
    private let original: JSONValue

    /// Snapshots `object` as it was read.
    public init(client: KubeClient, snapshotOf object: Object) throws {
        self.client = client
        self.original = try JSONValue(encoding: object)
    }

    /// Sends the changes from the snapshot to `object`. Returns the object as the server has it
    /// after the last write, or `object` itself when there was nothing to send.
    @discardableResult
    public func patch(_ object: Object) async throws -> Object {
        let modified = try JSONValue(encoding: object)
        let name = object.metadata.name ?? ""
        let namespace = object.metadata.namespace
        var result = object

        if let patch = MergePatch.diff(from: Self.mainPart(of: original), to: Self.mainPart(of: modified)) {
            result = try await client.patch(Object.self, name: name, namespace: namespace, patch: .merge(patch))
        }

        let conditions = ConditionChanges(from: Self.conditions(in: original), to: Self.conditions(in: modified))
        let statusPatch = MergePatch.diff(from: Self.statusWithoutConditions(of: original), to: Self.statusWithoutConditions(of: modified))
        if conditions.isEmpty {
            if let statusPatch {
                result = try await client.patch(Object.self, name: name, namespace: namespace, patch: .merge(["status": statusPatch]), subresource: "status")
            }
            return result
        }
        return try await patchConditions(conditions, with: statusPatch, name: name, namespace: namespace)
    }

    private func patchConditions(_ changes: ConditionChanges, with statusPatch: JSONValue?, name: String, namespace: String?) async throws -> Object {
        var attempt = 1
        while true {
            let latest = try await client.get(JSONValue.self, resource: Object.resource, name: name, namespace: namespace)
            var status = statusPatch ?? [:]
            status["conditions"] = .array(changes.applied(to: Self.conditions(in: latest)))
            let patch: JSONValue = [
                "metadata": ["resourceVersion": latest[path: ["metadata", "resourceVersion"]] ?? .null],
                "status": status,
            ]
            do {
                return try await client.patch(Object.self, name: name, namespace: namespace, patch: .merge(patch), subresource: "status")
            } catch let error as KubeError where error.code == .conflict && attempt < Self.conditionAttempts {
                attempt += 1
            }
        }
    }

    /// Everything but `status`, without the fields the server owns.
    private static func mainPart(of object: JSONValue) -> JSONValue {
        var main = object
        main["status"] = nil
        if var metadata = main["metadata"] {
            for field in ["resourceVersion", "managedFields", "generation", "uid", "creationTimestamp", "selfLink"] {
                metadata[field] = nil
            }
            main["metadata"] = metadata
        }
        return main
    }

    private static func statusWithoutConditions(of object: JSONValue) -> JSONValue {
        var status = object["status"] ?? [:]
        if status == .null { status = [:] }
        status["conditions"] = nil
        return status
    }

    private static func conditions(in object: JSONValue) -> [JSONValue] {
        object[path: ["status", "conditions"]]?.arrayValue ?? []
    }
}
