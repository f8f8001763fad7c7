/// Options of a list request.
public struct ListOptions: Sendable, Hashable {
    public var labelSelector: LabelSelector?
    public var fieldSelector: FieldSelector?
    /// The most items to return in one page; the server then sets `metadata.continue`.
    public var limit: Int?
    /// `metadata.continue` of the previous page.
    public var continueToken: String?
    /// Read at this resourceVersion (`"0"`: any cached version is fine); nil reads the latest.
    public var resourceVersion: String?

    public init(
        labelSelector: LabelSelector? = nil, fieldSelector: FieldSelector? = nil, limit: Int? = nil,
        continueToken: String? = nil, resourceVersion: String? = nil
    ) {
        self.labelSelector = labelSelector
        self.fieldSelector = fieldSelector
        self.limit = limit
        self.continueToken = continueToken
        self.resourceVersion = resourceVersion
    }

    var queryItems: [(String, String)] {
        var items: [(String, String)] = []
        if let labelSelector, !labelSelector.requirements.isEmpty { items.append(("labelSelector", "\(labelSelector)")) }
        if let fieldSelector, !fieldSelector.requirements.isEmpty { items.append(("fieldSelector", "\(fieldSelector)")) }
        if let limit { items.append(("limit", "\(limit)")) }
        if let continueToken { items.append(("continue", continueToken)) }
        if let resourceVersion { items.append(("resourceVersion", resourceVersion)) }
        return items
    }
}

/// Options of a watch request.
public struct WatchOptions: Sendable, Hashable {
    public var labelSelector: LabelSelector?
    public var fieldSelector: FieldSelector?
    /// Deliver changes after this resourceVersion (from a list, or the last event seen). Nil
    /// starts at "now" with synthetic `ADDED` events for existing objects.
    public var resourceVersion: String?
    /// Ask for `BOOKMARK` events, which carry a newer resourceVersion to resume from. Default true.
    public var allowBookmarks: Bool
    /// Ask the server to end the watch after this many seconds (it adds jitter); nil: its default.
    public var timeoutSeconds: Int?

    public init(
        labelSelector: LabelSelector? = nil, fieldSelector: FieldSelector? = nil,
        resourceVersion: String? = nil, allowBookmarks: Bool = true, timeoutSeconds: Int? = nil
    ) {
        self.labelSelector = labelSelector
        self.fieldSelector = fieldSelector
        self.resourceVersion = resourceVersion
        self.allowBookmarks = allowBookmarks
        self.timeoutSeconds = timeoutSeconds
    }

    var queryItems: [(String, String)] {
        var items: [(String, String)] = [("watch", "true")]
        if let labelSelector, !labelSelector.requirements.isEmpty { items.append(("labelSelector", "\(labelSelector)")) }
        if let fieldSelector, !fieldSelector.requirements.isEmpty { items.append(("fieldSelector", "\(fieldSelector)")) }
        if let resourceVersion { items.append(("resourceVersion", resourceVersion)) }
        if allowBookmarks { items.append(("allowWatchBookmarks", "true")) }
        if let timeoutSeconds { items.append(("timeoutSeconds", "\(timeoutSeconds)")) }
        return items
    }
}

/// Options of create, update and patch requests.
public struct WriteOptions: Sendable, Hashable {
    /// The field manager recorded in `managedFields` for this write.
    public var fieldManager: String?
    /// Validate and run admission, but persist nothing.
    public var dryRun: Bool

    public init(fieldManager: String? = nil, dryRun: Bool = false) {
        self.fieldManager = fieldManager
        self.dryRun = dryRun
    }

    var queryItems: [(String, String)] {
        var items: [(String, String)] = []
        if let fieldManager { items.append(("fieldManager", fieldManager)) }
        if dryRun { items.append(("dryRun", "All")) }
        return items
    }
}

/// Options of a server-side apply.
public struct ApplyOptions: Sendable, Hashable {
    /// The field manager that owns the applied fields. Required by the API.
    public var fieldManager: String
    /// Take ownership of fields another manager owns instead of failing with a conflict.
    public var force: Bool
    public var dryRun: Bool

    public init(fieldManager: String, force: Bool = false, dryRun: Bool = false) {
        self.fieldManager = fieldManager
        self.force = force
        self.dryRun = dryRun
    }

    var queryItems: [(String, String)] {
        var items: [(String, String)] = [("fieldManager", fieldManager)]
        if force { items.append(("force", "true")) }
        if dryRun { items.append(("dryRun", "All")) }
        return items
    }
}

/// Options of a delete request.
public struct DeleteOptions: Sendable, Hashable, Encodable {
    /// What happens to dependents (objects whose owner references name this one).
    public enum PropagationPolicy: String, Sendable, Hashable, Encodable {
        /// Delete dependents in the background after the object is gone.
        case background = "Background"
        /// Keep the object (with a `foregroundDeletion` finalizer) until its dependents are gone.
        case foreground = "Foreground"
        /// Leave dependents in place, removing the owner reference.
        case orphan = "Orphan"
    }

    /// Delete only if the object still has this UID and/or resourceVersion.
    public struct Preconditions: Sendable, Hashable, Encodable {
        public var uid: String?
        public var resourceVersion: String?

        public init(uid: String? = nil, resourceVersion: String? = nil) {
            self.uid = uid
            self.resourceVersion = resourceVersion
        }
    }

    public var propagationPolicy: PropagationPolicy?
    public var preconditions: Preconditions?
    public var gracePeriodSeconds: Int64?
    public var dryRun: [String]?

    public init(
        propagationPolicy: PropagationPolicy? = nil, preconditions: Preconditions? = nil,
        gracePeriodSeconds: Int64? = nil, dryRun: Bool = false
    ) {
        self.propagationPolicy = propagationPolicy
        self.preconditions = preconditions
        self.gracePeriodSeconds = gracePeriodSeconds
        self.dryRun = dryRun ? ["All"] : nil
    }

    private enum CodingKeys: String, CodingKey {
        case apiVersion, kind, propagationPolicy, preconditions, gracePeriodSeconds, dryRun
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode("v1", forKey: .apiVersion)
        try container.encode("DeleteOptions", forKey: .kind)
        try container.encodeIfPresent(propagationPolicy, forKey: .propagationPolicy)
        try container.encodeIfPresent(preconditions, forKey: .preconditions)
        try container.encodeIfPresent(gracePeriodSeconds, forKey: .gracePeriodSeconds)
        try container.encodeIfPresent(dryRun, forKey: .dryRun)
    }
}
