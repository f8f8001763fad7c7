/// An Event (`events.k8s.io/v1`): something a controller did or saw happen to an object, shown
/// by `kubectl describe` and `kubectl events`. Written through ``EventRecorder``.
public struct Event: KubeResource, Hashable {
    public static let resource = ResourceDescriptor(group: "events.k8s.io", version: "v1", kind: "Event", plural: "events", namespaced: true)

    /// `Normal` or `Warning`.
    public enum EventType: String, Codable, Sendable, Hashable {
        case normal = "Normal"
        case warning = "Warning"
    }

    /// How often an event recurred, instead of a new Event per occurrence.
    public struct Series: Codable, Sendable, Hashable {
        public var count: Int32
        public var lastObservedTime: MicroTime

        public init(count: Int32, lastObservedTime: MicroTime) {
            self.count = count
            self.lastObservedTime = lastObservedTime
        }
    }

    public var metadata: ObjectMeta
    /// When the event first happened.
    public var eventTime: MicroTime
    public var series: Series?
    /// The controller that emitted it, e.g. `mothership.dev/workerconfig`.
    public var reportingController: String
    /// Which replica of the controller emitted it, e.g. its pod name.
    public var reportingInstance: String
    /// What was done or failed, CamelCase, e.g. `Provision`.
    public var action: String
    /// Why, CamelCase, e.g. `CloneFailed`.
    public var reason: String
    /// The object the event is about.
    public var regarding: ObjectReference
    /// Human-readable details, at most 1 KiB. Never a secret.
    public var note: String?
    public var type: EventType

    public init(
        metadata: ObjectMeta, eventTime: MicroTime, reportingController: String, reportingInstance: String, action: String,
        reason: String, regarding: ObjectReference, note: String?, type: EventType
    ) {
        self.metadata = metadata
        self.eventTime = eventTime
        self.reportingController = reportingController
        self.reportingInstance = reportingInstance
        self.action = action
        self.reason = reason
        self.regarding = regarding
        self.note = note
        self.type = type
    }
}

/// A reference to any object (`v1.ObjectReference`).
public struct ObjectReference: Codable, Sendable, Hashable {
    public var apiVersion: String?
    public var kind: String?
    public var namespace: String?
    public var name: String?
    public var uid: String?
    public var resourceVersion: String?
    public var fieldPath: String?

    public init(apiVersion: String? = nil, kind: String? = nil, namespace: String? = nil, name: String? = nil, uid: String? = nil) {
        self.apiVersion = apiVersion
        self.kind = kind
        self.namespace = namespace
        self.name = name
        self.uid = uid
    }

    /// A reference to `object`.
    public init<Object: KubeResource>(to object: Object) {
        self.init(
            apiVersion: Object.resource.apiVersion, kind: Object.resource.kind, namespace: object.metadata.namespace,
            name: object.metadata.name, uid: object.metadata.uid)
    }
}
