extension KubeClient {
    /// Patches the object `name` of a typed kind (or its `subresource`, e.g. `status`).
    public func patch<T: KubeResource>(
        _ type: T.Type, name: String, namespace: String? = nil, patch: Patch, subresource: String? = nil,
        options: WriteOptions = WriteOptions()
    ) async throws -> T {
        try await self.patch(T.self, resource: T.resource, name: name, namespace: namespace, patch: patch, subresource: subresource, options: options)
    }

    /// Patches an object of any kind, decoding the result as `type`.
    public func patch<T: Decodable & Sendable>(
        _ type: T.Type, resource: ResourceDescriptor, name: String, namespace: String? = nil, patch: Patch,
        subresource: String? = nil, options: WriteOptions = WriteOptions()
    ) async throws -> T {
        let path = try ResourcePath.object(resource, name: name, namespace: namespace, subresource: subresource, verb: "PATCH")
        let request = APIRequest(
            method: .PATCH, path: path, query: options.queryItems, body: try patch.body(), contentType: patch.contentType)
        return try decode(T.self, from: try await send(request), request: request.summary)
    }

    /// Server-side apply: makes the fields set in `object` what `options.fieldManager` wants,
    /// creating the object if needed. Fields another manager owns are a ``KubeError/Code/conflict``
    /// unless `options.force` takes them over. Applied to `subresource` (e.g. `status`) when given.
    public func apply<T: KubeResource>(_ object: T, options: ApplyOptions, subresource: String? = nil) async throws -> T {
        try await apply(object, resource: T.resource, body: try encodeTyped(object, stripManagedFields: true), subresource: subresource, options: options)
    }

    /// Server-side apply of an object of any kind; its `apiVersion` and `kind` must be set.
    public func apply(
        _ object: UnstructuredObject, resource: ResourceDescriptor, options: ApplyOptions, subresource: String? = nil
    ) async throws -> UnstructuredObject {
        try await apply(object, resource: resource, body: try encodePlain(object, stripManagedFields: true), subresource: subresource, options: options)
    }

    private func apply<T: KubeObject>(
        _ object: T, resource: ResourceDescriptor, body: [UInt8], subresource: String?, options: ApplyOptions
    ) async throws -> T {
        let path = try ResourcePath.object(
            resource, name: object.metadata.name ?? "", namespace: object.metadata.namespace, subresource: subresource, verb: "PATCH")
        let request = APIRequest(
            method: .PATCH, path: path, query: options.queryItems, body: body, contentType: "application/apply-patch+yaml")
        return try decode(T.self, from: try await send(request), request: request.summary)
    }
}
