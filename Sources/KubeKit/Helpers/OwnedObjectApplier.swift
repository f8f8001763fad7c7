/// Writes the objects a controller generates (Secrets, Services, StatefulSets, VMs) by
/// server-side apply under one fixed field manager, with the controlling owner's reference set.
///
/// Each apply states every field the controller wants; fields it stopped stating are dropped,
/// fields users or other controllers set on the same object are left alone. `force` is on: the
/// controller is the authority over the fields it generates, so a user's edit of one of them is
/// taken back rather than reported as a conflict forever.
public struct OwnedObjectApplier: Sendable {
    public let client: KubeClient
    /// The field manager every apply goes under, e.g. `mothership-workerconfig`.
    public let fieldManager: String

    public init(client: KubeClient, fieldManager: String) {
        self.client = client
        self.fieldManager = fieldManager
    }

    /// Applies `object`, controlled by `owner`, and returns it as stored.
    @discardableResult
    public func apply<T: KubeResource, Owner: KubeResource>(_ object: T, ownedBy owner: Owner) async throws -> T {
        var object = object
        try object.metadata.setControllerReference(to: owner)
        return try await client.apply(object, options: ApplyOptions(fieldManager: fieldManager, force: true))
    }

    /// Applies an object of a kind without a Swift type (its `apiVersion` and `kind` set),
    /// controlled by `owner`.
    @discardableResult
    public func apply<Owner: KubeResource>(
        _ object: UnstructuredObject, resource: ResourceDescriptor, ownedBy owner: Owner
    ) async throws -> UnstructuredObject {
        var object = object
        try object.metadata.setControllerReference(to: owner)
        return try await client.apply(object, resource: resource, options: ApplyOptions(fieldManager: fieldManager, force: true))
    }
}
