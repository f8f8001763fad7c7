import ClusterAPI
import KubeKit

/// Reads, adopts and deletes the provider objects CAPI objects reference (infrastructure
/// clusters and machines, bootstrap configs, control planes), as ``UnstructuredObject``s in the
/// version their contract label names, and starts a watch of each kind met so that changes to
/// such objects reconcile their owners.
struct ExternalObjects: Sendable {
    let client: KubeClient
    let resolver: ContractResolver
    let watches: ReferencedObjectWatches

    /// The object `reference` names in `namespace`; nil when it does not exist.
    func get(_ reference: ContractVersionedObjectReference, namespace: String) async throws -> UnstructuredObject? {
        let resource = try await resolver.resource(for: reference)
        await watches.watch(resource)
        do {
            return try await client.get(UnstructuredObject.self, resource: resource, name: reference.name, namespace: namespace)
        } catch let error as KubeError where error.code == .notFound {
            return nil
        }
    }

    /// Makes `owner` an owner of `object` (its controller when `controller`) and gives the object
    /// the cluster-name label, writing only when something changes. Returns the stored object.
    func adopt<Owner: KubeResource>(
        _ object: UnstructuredObject, by owner: Owner, controller: Bool, clusterName: String,
        reference: ContractVersionedObjectReference
    ) async throws -> UnstructuredObject {
        var updated = object
        if controller {
            try updated.metadata.setControllerReference(to: owner)
        } else if !(updated.metadata.ownerReferences ?? []).contains(where: { $0.uid == owner.metadata.uid }) {
            var reference = OwnerReference(controllerOf: owner)
            reference.controller = nil
            reference.blockOwnerDeletion = nil
            updated.metadata.ownerReferences = (updated.metadata.ownerReferences ?? []) + [reference]
        }
        var labels = updated.metadata.labels ?? [:]
        labels[ClusterAPIGroup.clusterNameLabel] = clusterName
        updated.metadata.labels = labels
        guard updated.metadata.ownerReferences != object.metadata.ownerReferences || updated.metadata.labels != object.metadata.labels else {
            return object
        }
        let patch: JSONValue = [
            "metadata": [
                "resourceVersion": .string(object.metadata.resourceVersion ?? ""),
                "labels": try JSONValue(encoding: labels),
                "ownerReferences": try JSONValue(encoding: updated.metadata.ownerReferences ?? []),
            ],
        ]
        let resource = try await resolver.resource(for: reference)
        return try await client.patch(
            UnstructuredObject.self, resource: resource, name: object.metadata.name ?? "", namespace: object.metadata.namespace,
            patch: .merge(patch))
    }

    /// Asks for the deletion of the object `reference` names, unless it is already going. Returns
    /// whether it still exists.
    func delete(_ reference: ContractVersionedObjectReference, namespace: String) async throws -> Bool {
        guard let object = try await get(reference, namespace: namespace) else { return false }
        if object.metadata.isBeingDeleted { return true }
        let resource = try await resolver.resource(for: reference)
        do {
            try await client.delete(resource: resource, name: reference.name, namespace: namespace)
        } catch let error as KubeError where error.code == .notFound {
            return false
        }
        return true
    }
}
