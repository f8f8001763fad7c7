/// One resource a group version serves, as discovery lists it (`metav1.APIResource`).
public struct APIResource: Decodable, Sendable, Hashable {
    /// The plural name (`leases`), or `<plural>/<subresource>` (`pods/status`).
    public var name: String
    public var kind: String
    public var namespaced: Bool
    /// The verbs it supports, e.g. `get`, `list`, `watch`, `create`.
    public var verbs: [String]?
}

extension KubeClient {
    /// The resources the server serves in `groupVersion` (`v1`, `coordination.k8s.io/v1`), or
    /// nil when it does not serve that group version: how a client picks among API versions
    /// by discovery instead of by server version.
    public func serverResources(forGroupVersion groupVersion: String) async throws -> [APIResource]? {
        struct ResourceList: Decodable { var resources: [APIResource]? }
        let path = groupVersion.contains("/") ? "/apis/\(groupVersion)" : "/api/\(groupVersion)"
        let request = APIRequest(method: .GET, path: path)
        do {
            return try decode(ResourceList.self, from: try await send(request), request: request.summary).resources ?? []
        } catch let error as KubeError where error.code == .notFound {
            return nil
        }
    }
}
