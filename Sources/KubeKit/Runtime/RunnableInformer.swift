/// An informer of any kind, as a manager runs and waits for them.
public protocol RunnableInformer: Sendable {
    /// Lists and watches until the calling task is cancelled.
    func run() async
    /// Returns once the first list has been stored.
    func waitForSync() async
    /// Whether the first list has been stored.
    var hasSynced: Bool { get async }
}

extension Informer: RunnableInformer {}
