import Foundation
import KubeKit
import KubeKitTesting
import Testing

/// A server with the Widget CRD installed.
func widgetServer(_ server: EnvtestServer? = nil) async throws -> EnvtestServer {
    let server = if let server { server } else { try await Envtest.shared() }
    try await server.installCRDs(for: [Widget.self])
    return server
}

/// What a test reconciler saw: how often each object was reconciled, and whether two workers
/// ever held the same object at once.
actor ReconcileLog {
    private(set) var counts: [ReconcileRequest: Int] = [:]
    private(set) var overlaps = 0
    private var inFlight: Set<ReconcileRequest> = []

    func begin(_ request: ReconcileRequest) {
        if !inFlight.insert(request).inserted { overlaps += 1 }
        counts[request, default: 0] += 1
    }

    func end(_ request: ReconcileRequest) { inFlight.remove(request) }

    func count(_ request: ReconcileRequest) -> Int { counts[request] ?? 0 }
}

/// A reconciler that records each call and runs `work` inside it.
struct RecordingReconciler: Reconciler {
    typealias Object = Widget
    let log: ReconcileLog
    var work: @Sendable (ReconcileRequest) async throws -> ReconcileResult = { _ in .done }

    func reconcile(_ request: ReconcileRequest) async throws -> ReconcileResult {
        await log.begin(request)
        do {
            let result = try await work(request)
            await log.end(request)
            return result
        } catch {
            await log.end(request)
            throw error
        }
    }
}

/// Runs `body` while `informer` and `controller` run, then stops them.
func running<R: Reconciler, T>(
    _ informers: [any RunnableInformer], _ controller: Controller<R>?, _ body: () async throws -> T
) async throws -> T {
    let tasks = informers.map { informer in Task { await informer.run() } }
    let controllerTask = controller.map { controller in Task { await controller.run() } }
    defer {
        for task in tasks { task.cancel() }
        controllerTask?.cancel()
    }
    return try await body()
}
