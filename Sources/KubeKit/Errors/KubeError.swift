import Foundation

/// A failed Kubernetes API request: what kind of failure (``Code``), which request, and the
/// server's own words. Never carries request bodies, headers, tokens or object data.
public struct KubeError: Error, Sendable, CustomStringConvertible {
    /// What went wrong, in the terms controllers act on.
    public enum Code: Sendable, Hashable {
        /// 404: the object (or its namespace, or the resource) does not exist.
        case notFound
        /// 409 `AlreadyExists`: create of a name that is taken.
        case alreadyExists
        /// 409 `Conflict`: a resourceVersion precondition failed, or a server-side apply
        /// conflict with another field manager.
        case conflict
        /// 422: the object failed validation; ``KubeError/causes`` names the fields.
        case invalid
        /// 400: the request itself was malformed.
        case badRequest
        /// 401: no or wrong credentials.
        case unauthorized
        /// 403: authenticated, but not allowed (RBAC), or refused by admission.
        case forbidden
        /// 405: the resource does not support the verb.
        case methodNotAllowed
        /// 410, or a watch `ERROR` event with `Expired`/`Gone`: the resourceVersion is too old
        /// (compacted). Informers relist.
        case expired
        /// 429: throttled; ``KubeError/retryAfter`` says how long to wait when the server said.
        case tooManyRequests
        /// The request did not finish in time, on the client's clock or the server's (504).
        case timeout
        /// 5xx other than timeouts: the server failed.
        case serverError
        /// The server could not be reached, or the connection broke.
        case unreachable
        /// The server's reply could not be understood.
        case malformedResponse
        /// Any other HTTP status.
        case other
    }

    public var code: Code
    /// The request, as `VERB path` without query parameters (e.g. `GET /api/v1/namespaces/a/configmaps/b`).
    public var request: String
    /// The HTTP status, when the server answered.
    public var httpStatus: Int?
    /// The server's reason (`Status.reason`), e.g. `AlreadyExists`.
    public var reason: String?
    /// The server's message, or a description of the client-side failure.
    public var message: String
    /// For ``Code/invalid`` and apply conflicts: the individual causes (fields) named by the server.
    public var causes: [StatusCause]
    /// How long the server asked the client to wait before retrying, when it said.
    public var retryAfter: Duration?

    public init(
        code: Code, request: String, httpStatus: Int? = nil, reason: String? = nil, message: String,
        causes: [StatusCause] = [], retryAfter: Duration? = nil
    ) {
        self.code = code
        self.request = request
        self.httpStatus = httpStatus
        self.reason = reason
        self.message = message
        self.causes = causes
        self.retryAfter = retryAfter
    }

    public var description: String {
        var text = "\(request): \(code)"
        if let httpStatus { text += " (HTTP \(httpStatus))" }
        text += ": \(message)"
        if let retryAfter { text += " (retry after \(retryAfter))" }
        return text
    }

    /// Builds the error for a non-2xx reply from the server's `Status` body (when it sent one).
    static func from(
        httpStatus: Int, status: Status?, request: String, retryAfterHeader: String?
    ) -> KubeError {
        let reason = status?.reason
        let retrySeconds = retryAfterHeader.flatMap { Int($0.trimmingCharacters(in: .whitespaces)) }
            ?? status?.details?.retryAfterSeconds
        return KubeError(
            code: code(httpStatus: httpStatus, reason: reason),
            request: request,
            httpStatus: httpStatus,
            reason: reason,
            message: status?.message ?? "the server answered HTTP \(httpStatus)",
            causes: status?.details?.causes ?? [],
            retryAfter: retrySeconds.flatMap { $0 > 0 ? .seconds($0) : nil })
    }

    static func code(httpStatus: Int, reason: String?) -> Code {
        switch (httpStatus, reason) {
        case (_, "NotFound"), (404, _): return .notFound
        case (_, "AlreadyExists"): return .alreadyExists
        case (_, "Conflict"), (409, _): return .conflict
        case (_, "Invalid"), (422, _): return .invalid
        case (_, "Expired"), (_, "Gone"), (410, _): return .expired
        case (_, "Unauthorized"), (401, _): return .unauthorized
        case (_, "Forbidden"), (403, _): return .forbidden
        case (_, "TooManyRequests"), (429, _): return .tooManyRequests
        case (_, "Timeout"), (_, "ServerTimeout"), (504, _): return .timeout
        case (_, "MethodNotAllowed"), (405, _): return .methodNotAllowed
        case (400, _): return .badRequest
        case (500...599, _): return .serverError
        default: return .other
        }
    }
}

extension KubeError.Code: CustomStringConvertible {
    public var description: String {
        switch self {
        case .notFound: return "not found"
        case .alreadyExists: return "already exists"
        case .conflict: return "conflict"
        case .invalid: return "invalid"
        case .badRequest: return "bad request"
        case .unauthorized: return "unauthorized"
        case .forbidden: return "forbidden"
        case .methodNotAllowed: return "method not allowed"
        case .expired: return "expired"
        case .tooManyRequests: return "too many requests"
        case .timeout: return "timeout"
        case .serverError: return "server error"
        case .unreachable: return "unreachable"
        case .malformedResponse: return "malformed response"
        case .other: return "failed"
        }
    }
}
