extension ObjectMeta {
    /// Whether `finalizer` is set.
    public func hasFinalizer(_ finalizer: String) -> Bool { finalizers?.contains(finalizer) ?? false }

    /// Adds `finalizer` when missing; returns whether it changed anything.
    @discardableResult
    public mutating func addFinalizer(_ finalizer: String) -> Bool {
        guard !hasFinalizer(finalizer) else { return false }
        finalizers = (finalizers ?? []) + [finalizer]
        return true
    }

    /// Removes `finalizer`; returns whether it was set.
    @discardableResult
    public mutating func removeFinalizer(_ finalizer: String) -> Bool {
        guard hasFinalizer(finalizer) else { return false }
        finalizers = finalizers?.filter { $0 != finalizer }
        return true
    }

    /// Whether deletion has been requested (the object waits for its finalizers).
    public var isBeingDeleted: Bool { deletionTimestamp != nil }
}
