extension KubeClient {
    /// The scale subresource of the object `name` (desired and actual replicas, selector).
    public func getScale(resource: ResourceDescriptor, name: String, namespace: String? = nil) async throws -> Scale {
        try await get(Scale.self, resource: resource, name: name, namespace: namespace, subresource: "scale")
    }

    /// Sets desired replicas through the scale subresource. With `scale.metadata.resourceVersion`
    /// set, the server refuses (conflict) if the object changed since.
    public func updateScale(resource: ResourceDescriptor, _ scale: Scale) async throws -> Scale {
        let path = try ResourcePath.object(
            resource, name: scale.metadata.name ?? "", namespace: scale.metadata.namespace, subresource: "scale", verb: "PUT")
        let request = APIRequest(method: .PUT, path: path, body: Array(try JSONCoding.encoder.encode(scale)))
        return try decode(Scale.self, from: try await send(request), request: request.summary)
    }
}
