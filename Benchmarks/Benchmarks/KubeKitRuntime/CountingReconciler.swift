import KubeKit
import KubeKitTesting

/// A reconciler that does nothing but count — or, with a client, reads its Widget from the API
/// server first: one GET, the cheapest reconcile that talks to the server.
struct CountingReconciler: Reconciler {
    typealias Object = Widget

    /// Where to GET each Widget from; nil reconciles without any request.
    let client: KubeClient?
    let counter: ReconcileCounter

    func reconcile(_ request: ReconcileRequest) async throws -> ReconcileResult {
        if let client {
            _ = try await client.get(Widget.self, name: request.name, namespace: request.namespace)
        }
        counter.increment()
        return .done
    }
}
