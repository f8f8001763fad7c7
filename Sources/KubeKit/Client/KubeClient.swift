import AsyncHTTPClient
import Foundation
import Logging
import NIOCore
import NIOFoundationCompat
import NIOHTTP1
import NIOPosix

/// A client of one Kubernetes API server, with client-go's semantics: typed and untyped objects,
/// list with pagination and selectors, create/update/patch/server-side apply/delete, the status
/// and scale subresources, and watches. Errors are ``KubeError``s; no credential or object data
/// is ever logged or put into an error.
public final class KubeClient: Sendable {
    /// Where and how this client connects.
    public let configuration: ClientConfiguration
    let httpClient: HTTPClient
    let authenticator: Authenticator
    let rateLimiter: RateLimiter?
    let logger: Logger

    /// Largest response body accepted, in bytes (lists of thousands of objects fit easily).
    static let maximumResponseBytes = 512 * 1024 * 1024

    /// A client over the process-wide HTTP connection pool (or `httpClient`, which the caller
    /// then owns and shuts down).
    public init(configuration: ClientConfiguration, logger: Logger = Logger(label: "kubekit"), httpClient: HTTPClient? = nil) {
        self.configuration = configuration
        self.httpClient = httpClient ?? Self.sharedHTTPClient
        self.authenticator = Authenticator(credentials: configuration.credentials)
        self.rateLimiter = configuration.rateLimit.map(RateLimiter.init)
        self.logger = logger
    }

    /// One connection pool for every client of the process: no read timeout (watches idle for
    /// minutes), no redirects (the API never redirects a client legitimately), HTTP/2 when the
    /// server offers it. It lives as long as the process and is never shut down.
    static let sharedHTTPClient: HTTPClient = {
        var configuration = HTTPClient.Configuration(
            redirectConfiguration: .disallow,
            timeout: .init(connect: .seconds(10), read: nil),
            connectionPool: .init(idleTimeout: .seconds(60)),
            decompression: .disabled)
        configuration.httpVersion = .automatic
        return HTTPClient(eventLoopGroup: MultiThreadedEventLoopGroup.singleton, configuration: configuration)
    }()
}

/// One request to the API, before authentication.
struct APIRequest: Sendable {
    var method: HTTPMethod
    var path: String
    var query: [(String, String)] = []
    var body: [UInt8]? = nil
    var contentType: String = "application/json"
    /// Client-side limit; nil uses the configuration's timeout; watches pass `.none`.
    var timeout: Duration?

    /// `VERB path`, for errors and logs: no query (it may hold selectors but never secrets) and no body.
    var summary: String { "\(method.rawValue) \(path)" }
}

extension KubeClient {
    /// Sends `request` and returns the body of a 2xx reply; anything else becomes a ``KubeError``.
    /// A 401 with refreshable credentials (token file, exec plugin) is retried once with fresh ones.
    func send(_ request: APIRequest) async throws -> ByteBuffer {
        let timeout = request.timeout ?? configuration.timeout
        return try await withTimeout(timeout, request: request.summary) {
            var (response, refreshed) = (try await self.execute(request), false)
            while true {
                if (200..<300).contains(response.status.code) {
                    return try await self.collect(response.body, request: request)
                }
                let error = await self.error(from: response, request: request)
                if error.code == .unauthorized, !refreshed, await self.authenticator.canRefresh {
                    await self.authenticator.invalidate()
                    refreshed = true
                    response = try await self.execute(request)
                    continue
                }
                throw error
            }
        }
    }

    /// Starts `request` and returns the response head with its body still streaming.
    func execute(_ request: APIRequest) async throws -> HTTPClientResponse {
        if let rateLimiter { try await rateLimiter.acquire() }
        let authentication: Authenticator.Authentication
        do {
            authentication = try await authenticator.authentication()
        } catch let error as ExecCredentialError {
            throw KubeError(code: .unauthorized, request: request.summary, message: "\(error)")
        } catch let error as KubeconfigError {
            throw KubeError(code: .unauthorized, request: request.summary, message: "\(error)")
        }
        var http = HTTPClientRequest(url: configuration.server + request.path + ResourcePath.query(request.query))
        http.method = request.method
        http.headers.add(name: "Accept", value: "application/json")
        http.headers.add(name: "User-Agent", value: configuration.userAgent)
        if let token = authentication.bearerToken {
            http.headers.add(name: "Authorization", value: "Bearer \(token.value)")
        }
        if let body = request.body {
            http.headers.add(name: "Content-Type", value: request.contentType)
            http.body = .bytes(ByteBuffer(bytes: body))
        }
        http.tlsConfiguration = configuration.tlsConfiguration(
            identity: authentication.identity?.value ?? configuration.clientIdentity?.value)
        let started = ContinuousClock.now
        do {
            let response = try await httpClient.execute(http, deadline: .distantFuture, logger: logger)
            logger.debug(
                "kubernetes request",
                metadata: [
                    "request": "\(request.summary)", "status": "\(response.status.code)",
                    "duration": "\(ContinuousClock.now - started)",
                ])
            return response
        } catch {
            throw KubeError.transport(error, request: request.summary, server: configuration.server)
        }
    }

    func collect(_ body: HTTPClientResponse.Body, request: APIRequest) async throws -> ByteBuffer {
        do {
            return try await body.collect(upTo: Self.maximumResponseBytes)
        } catch {
            throw KubeError.transport(error, request: request.summary, server: configuration.server)
        }
    }

    /// The error a non-2xx reply stands for, from its `Status` body when there is one.
    func error(from response: HTTPClientResponse, request: APIRequest) async -> KubeError {
        let body = try? await response.body.collect(upTo: 1024 * 1024)
        var status = body.flatMap { try? JSONCoding.decoder.decode(Status.self, from: Data(buffer: $0)) }
        if status == nil, let body, body.readableBytes > 0 {
            // Some filters (throttling, authentication proxies) answer in plain text.
            let text = String(buffer: body).trimmingCharacters(in: .whitespacesAndNewlines)
            status = Status(message: "HTTP \(response.status.code): \(text.prefix(200))")
        }
        return KubeError.from(
            httpStatus: Int(response.status.code), status: status, request: request.summary,
            retryAfterHeader: response.headers.first(name: "Retry-After"))
    }

    /// Decodes a reply body as `T`, turning failures into ``KubeError/Code/malformedResponse``.
    func decode<T: Decodable>(_ type: T.Type, from body: ByteBuffer, request: String) throws -> T {
        do {
            return try JSONCoding.decoder.decode(T.self, from: Data(buffer: body, byteTransferStrategy: .noCopy))
        } catch {
            throw KubeError(
                code: .malformedResponse, request: request,
                message: "cannot decode \(T.self): \(describeDecodingError(error))")
        }
    }
}

/// Runs `operation`, cancelling it and throwing a ``KubeError/Code/timeout`` error when it takes
/// longer than `timeout`.
func withTimeout<T: Sendable>(
    _ timeout: Duration, request: String, _ operation: @escaping @Sendable () async throws -> T
) async throws -> T {
    try await withThrowingTaskGroup(of: T.self) { group in
        group.addTask { try await operation() }
        group.addTask {
            try await Task.sleep(for: timeout)
            throw KubeError(code: .timeout, request: request, message: "no complete reply within \(timeout)")
        }
        defer { group.cancelAll() }
        guard let result = try await group.next() else {
            throw CancellationError()
        }
        return result
    }
}
