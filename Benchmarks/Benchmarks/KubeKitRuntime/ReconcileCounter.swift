import Synchronization

/// Counts completed reconciles across a controller's workers and reports when `target` is
/// reached, without an actor hop per reconcile (which would slow the very thing measured).
final class ReconcileCounter: Sendable {
    let target: Int
    private let count = Atomic(0)
    private let reached: AsyncStream<Void>
    private let continuation: AsyncStream<Void>.Continuation

    init(target: Int) {
        self.target = target
        (reached, continuation) = AsyncStream<Void>.makeStream()
    }

    /// Counts one completed reconcile.
    func increment() {
        if count.add(1, ordering: .relaxed).newValue == target {
            continuation.yield()
            continuation.finish()
        }
    }

    /// Returns once `target` reconciles have completed.
    func waitUntilReached() async {
        for await _ in reached { return }
    }
}
