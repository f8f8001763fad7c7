extension KubeClient {
    /// Creates `object` in its `metadata.namespace`; returns what the server stored.
    public func create<T: KubeResource>(_ object: T, options: WriteOptions = WriteOptions()) async throws -> T {
        try await create(object, resource: T.resource, body: try encodeTyped(object), options: options)
    }

    /// Creates an object of any kind; its `apiVersion` and `kind` must be set.
    public func create(_ object: UnstructuredObject, resource: ResourceDescriptor, options: WriteOptions = WriteOptions()) async throws -> UnstructuredObject {
        try await create(object, resource: resource, body: try encodePlain(object), options: options)
    }

    /// Replaces `object`. When `metadata.resourceVersion` is set, the server refuses (conflict)
    /// if the object changed since: optimistic concurrency. Status changes are ignored for kinds
    /// with a status subresource; use ``updateStatus(_:options:)``.
    public func update<T: KubeResource>(_ object: T, options: WriteOptions = WriteOptions()) async throws -> T {
        try await replace(object, resource: T.resource, body: try encodeTyped(object), subresource: nil, options: options)
    }

    /// Replaces an object of any kind (see ``update(_:options:)``).
    public func update(_ object: UnstructuredObject, resource: ResourceDescriptor, options: WriteOptions = WriteOptions()) async throws -> UnstructuredObject {
        try await replace(object, resource: resource, body: try encodePlain(object), subresource: nil, options: options)
    }

    /// Replaces the status of `object` through the status subresource; spec changes are ignored.
    public func updateStatus<T: KubeResource>(_ object: T, options: WriteOptions = WriteOptions()) async throws -> T {
        try await replace(object, resource: T.resource, body: try encodeTyped(object), subresource: "status", options: options)
    }

    /// Replaces the status of an object of any kind.
    public func updateStatus(_ object: UnstructuredObject, resource: ResourceDescriptor, options: WriteOptions = WriteOptions()) async throws -> UnstructuredObject {
        try await replace(object, resource: resource, body: try encodePlain(object), subresource: "status", options: options)
    }

    /// Deletes the object `name` of a typed kind.
    public func delete<T: KubeResource>(_ type: T.Type, name: String, namespace: String? = nil, options: DeleteOptions = DeleteOptions()) async throws {
        try await delete(resource: T.resource, name: name, namespace: namespace, options: options)
    }

    /// Deletes the object `name` of any kind. With finalizers the object stays (with a
    /// `deletionTimestamp`) until they are removed.
    public func delete(resource: ResourceDescriptor, name: String, namespace: String? = nil, options: DeleteOptions = DeleteOptions()) async throws {
        let path = try ResourcePath.object(resource, name: name, namespace: namespace, verb: "DELETE")
        let body = Array(try JSONCoding.encoder.encode(options))
        _ = try await send(APIRequest(method: .DELETE, path: path, body: body))
    }

    private func create<T: KubeObject>(_ object: T, resource: ResourceDescriptor, body: [UInt8], options: WriteOptions) async throws -> T {
        let namespace = object.metadata.namespace
        if resource.namespaced && (namespace ?? "").isEmpty {
            throw KubeError(code: .badRequest, request: "POST \(resource)", message: "\(resource) is namespaced; set metadata.namespace")
        }
        let request = APIRequest(
            method: .POST, path: ResourcePath.collection(resource, namespace: namespace), query: options.queryItems, body: body)
        return try decode(T.self, from: try await send(request), request: request.summary)
    }

    private func replace<T: KubeObject>(
        _ object: T, resource: ResourceDescriptor, body: [UInt8], subresource: String?, options: WriteOptions
    ) async throws -> T {
        let path = try ResourcePath.object(
            resource, name: object.metadata.name ?? "", namespace: object.metadata.namespace, subresource: subresource, verb: "PUT")
        let request = APIRequest(method: .PUT, path: path, query: options.queryItems, body: body)
        return try decode(T.self, from: try await send(request), request: request.summary)
    }
}

/// Writes `apiVersion` and `kind` from the type's descriptor ahead of the object's own fields.
struct TypedBody<T: KubeResource>: Encodable {
    var object: T
    var stripManagedFields = false

    private enum Keys: String, CodingKey { case apiVersion, kind }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: Keys.self)
        try container.encode(T.resource.apiVersion, forKey: .apiVersion)
        try container.encode(T.resource.kind, forKey: .kind)
        var object = self.object
        if stripManagedFields { object.metadata.managedFields = nil }
        try object.encode(to: encoder)
    }
}

func encodeTyped<T: KubeResource>(_ object: T, stripManagedFields: Bool = false) throws -> [UInt8] {
    Array(try JSONCoding.encoder.encode(TypedBody(object: object, stripManagedFields: stripManagedFields)))
}

func encodePlain(_ object: UnstructuredObject, stripManagedFields: Bool = false) throws -> [UInt8] {
    var object = object
    if stripManagedFields { object.metadata.managedFields = nil }
    return Array(try JSONCoding.encoder.encode(object))
}
