/// The API server's account of a failed (or, for some deletes, successful) request
/// (`metav1.Status`).
public struct Status: Codable, Sendable, Hashable {
    /// `Success` or `Failure`.
    public var status: String?
    /// Human-readable description, written by the server.
    public var message: String?
    /// Machine-readable reason, e.g. `NotFound`, `AlreadyExists`, `Conflict`, `Invalid`, `Expired`.
    public var reason: String?
    public var details: StatusDetails?
    /// The HTTP status code the server meant.
    public var code: Int?

    public init(status: String? = nil, message: String? = nil, reason: String? = nil, details: StatusDetails? = nil, code: Int? = nil) {
        self.status = status
        self.message = message
        self.reason = reason
        self.details = details
        self.code = code
    }
}

/// Which object a ``Status`` is about, and for `Invalid` which fields were wrong.
public struct StatusDetails: Codable, Sendable, Hashable {
    public var name: String?
    public var group: String?
    public var kind: String?
    public var uid: String?
    public var causes: [StatusCause]?
    /// Seconds the client should wait before retrying, for `TooManyRequests` and friends.
    public var retryAfterSeconds: Int?
}

/// One reason a request failed, usually one invalid field.
public struct StatusCause: Codable, Sendable, Hashable {
    /// E.g. `FieldValueRequired`, `FieldValueInvalid`, `FieldValueNotSupported`.
    public var reason: String?
    public var message: String?
    /// The field path, e.g. `spec.clusterName`.
    public var field: String?

    public init(reason: String? = nil, message: String? = nil, field: String? = nil) {
        self.reason = reason
        self.message = message
        self.field = field
    }
}
