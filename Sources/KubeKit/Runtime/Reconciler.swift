/// The object a reconcile is for: its namespace (nil when cluster-scoped) and name.
public struct ReconcileRequest: Hashable, Sendable, CustomStringConvertible {
    public var namespace: String?
    public var name: String

    public init(namespace: String?, name: String) {
        self.namespace = namespace
        self.name = name
    }

    /// The request for `object`.
    public init(for object: some KubeObject) {
        self.init(namespace: object.metadata.namespace, name: object.metadata.name ?? "")
    }

    /// `namespace/name`.
    public var description: String { namespace.map { "\($0)/\(name)" } ?? name }
}

/// What a reconcile asks of the controller when it did not throw.
public enum ReconcileResult: Sendable, Hashable {
    /// Done until the next change.
    case done
    /// Waiting for the outside world (a VM booting): reconcile again after this delay.
    case requeue(after: Duration)
}

/// Thrown by a reconciler when retrying cannot help (bad input only a user can fix): the
/// controller stops retrying the object until its next change. Say why in a condition too.
public struct TerminalError: Error, Sendable, CustomStringConvertible {
    public var message: String

    public init(_ message: String) { self.message = message }

    public var description: String { "terminal: \(message)" }
}

/// Brings one object's world in line with its spec. Throw to retry with back-off; return
/// ``ReconcileResult/requeue(after:)`` to wait; throw ``TerminalError`` to stop retrying.
public protocol Reconciler: Sendable {
    /// The kind this reconciler is `for`.
    associatedtype Object: KubeResource
    func reconcile(_ request: ReconcileRequest) async throws -> ReconcileResult
}

/// A filter on the events that enqueue reconciles.
public struct Predicate<Object: KubeObject>: Sendable {
    public let accepts: @Sendable (InformerEvent<Object>) -> Bool

    public init(_ accepts: @escaping @Sendable (InformerEvent<Object>) -> Bool) { self.accepts = accepts }

    /// Updates pass only when `metadata.generation` changed (spec changes, not status writes).
    /// Additions, deletions and resyncs pass.
    public static var generationChanged: Predicate {
        Predicate { event in
            guard case .updated(let old, let new) = event else { return true }
            return old.metadata.resourceVersion == new.metadata.resourceVersion
                || old.metadata.generation != new.metadata.generation
        }
    }

    /// Objects with the `cluster.x-k8s.io/paused` annotation are left alone, except that lifting
    /// the pause passes.
    public static var notPaused: Predicate {
        Predicate { event in
            event.object.metadata.annotations?["cluster.x-k8s.io/paused"] == nil
        }
    }
}
