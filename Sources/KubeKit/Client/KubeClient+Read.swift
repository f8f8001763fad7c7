extension KubeClient {
    /// The object `name` of a typed kind.
    public func get<T: KubeResource>(_ type: T.Type, name: String, namespace: String? = nil) async throws -> T {
        try await get(T.self, resource: T.resource, name: name, namespace: namespace)
    }

    /// The object `name` of any kind, decoded as `type` (e.g. ``UnstructuredObject``).
    public func get<T: Decodable & Sendable>(
        _ type: T.Type, resource: ResourceDescriptor, name: String, namespace: String? = nil, subresource: String? = nil
    ) async throws -> T {
        let path = try ResourcePath.object(resource, name: name, namespace: namespace, subresource: subresource, verb: "GET")
        let request = APIRequest(method: .GET, path: path)
        return try decode(T.self, from: try await send(request), request: request.summary)
    }

    /// One page of a typed kind's objects in `namespace` (all namespaces when nil).
    public func list<T: KubeResource>(
        _ type: T.Type, namespace: String? = nil, options: ListOptions = ListOptions()
    ) async throws -> ObjectList<T> {
        try await list(T.self, resource: T.resource, namespace: namespace, options: options)
    }

    /// One page of any kind's objects, decoded as `type`.
    public func list<T: Decodable & Sendable>(
        _ type: T.Type, resource: ResourceDescriptor, namespace: String? = nil, options: ListOptions = ListOptions()
    ) async throws -> ObjectList<T> {
        let request = APIRequest(
            method: .GET, path: ResourcePath.collection(resource, namespace: namespace), query: options.queryItems)
        return try decode(ObjectList<T>.self, from: try await send(request), request: request.summary)
    }

    /// Every object of a typed kind, fetched in pages of `options.limit` (default 500) items.
    /// The result's resourceVersion is the consistent snapshot all pages were read at.
    public func listAll<T: KubeResource>(
        _ type: T.Type, namespace: String? = nil, options: ListOptions = ListOptions()
    ) async throws -> ObjectList<T> {
        try await listAll(T.self, resource: T.resource, namespace: namespace, options: options)
    }

    /// Every object of any kind, fetched in pages, decoded as `type`.
    public func listAll<T: Decodable & Sendable>(
        _ type: T.Type, resource: ResourceDescriptor, namespace: String? = nil, options: ListOptions = ListOptions()
    ) async throws -> ObjectList<T> {
        var options = options
        options.limit = options.limit ?? 500
        var page = try await list(T.self, resource: resource, namespace: namespace, options: options)
        var items = page.items
        let snapshot = page.metadata.resourceVersion
        while let token = page.metadata.continue, !token.isEmpty {
            options.continueToken = token
            page = try await list(T.self, resource: resource, namespace: namespace, options: options)
            items += page.items
        }
        return ObjectList(metadata: ListMeta(resourceVersion: snapshot), items: items)
    }
}
