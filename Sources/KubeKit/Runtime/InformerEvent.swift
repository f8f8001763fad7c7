/// A change an informer saw, delivered to its subscribers in order.
public enum InformerEvent<Object: Sendable>: Sendable {
    /// A new object. `initial` marks objects of the first list (and the replay a new subscriber
    /// gets), which controllers queue at low priority.
    case added(Object, initial: Bool)
    /// A changed object; `old == new` on a periodic resync.
    case updated(old: Object, new: Object)
    /// A removed object, in its last known state.
    case deleted(Object)

    /// The object the event is about (the new state for updates).
    public var object: Object {
        switch self {
        case .added(let object, _), .deleted(let object): return object
        case .updated(_, let new): return new
        }
    }
}
