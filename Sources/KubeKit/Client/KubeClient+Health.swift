import NIOCore

extension KubeClient {
    /// The body of one of the API server's health endpoints (`/readyz`, `/livez`, `/healthz`):
    /// `ok` when healthy. An unhealthy server answers with an error status, thrown as a
    /// ``KubeError``; an unreachable one with a transport error.
    public func health(_ path: String = "/readyz") async throws -> String {
        let body = try await send(APIRequest(method: .GET, path: path))
        return String(buffer: body)
    }
}
