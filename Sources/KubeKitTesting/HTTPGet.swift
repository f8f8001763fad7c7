import AsyncHTTPClient

/// GETs `url` with a real HTTP client (to probe `/healthz`, `/readyz`, `/metrics`); the status
/// code and the body as text.
public func httpGet(_ url: String) async throws -> (status: Int, body: String) {
    let response = try await HTTPClient.shared.execute(HTTPClientRequest(url: url), timeout: .seconds(10))
    let body = try await response.body.collect(upTo: 16 << 20)
    return (Int(response.status.code), String(buffer: body))
}
