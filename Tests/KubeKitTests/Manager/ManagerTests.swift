import Foundation
import KubeKit
import KubeKitTesting
import Testing

@Suite("manager endpoints on the real API server")
struct ManagerTests {
    @Test("/readyz is false until every cache has synced; /metrics is scraped by a real client and parsed")
    func probesAndMetrics() async throws {
        let server = try await widgetServer()
        try await server.withNamespace { namespace, admin in
            let user = "reader-\(namespace)"
            let manager = Manager(
                client: try server.client(user: user),
                options: ManagerOptions(name: "probe-test", serveAddress: ServeAddress(host: "127.0.0.1", port: 0)))
            let informer = await manager.informer(for: Widget.self, options: .init(namespace: namespace))
            #expect(await manager.informer(for: Widget.self, options: .init(namespace: namespace)) === informer)
            let log = ReconcileLog()
            let reconciler = RecordingReconciler(log: log) { request in
                if request.name == "w-flaky", await log.count(request) == 1 { throw TestFailure() }
                return .done
            }
            await manager.add(Controller(name: "probe", for: informer, reconciler: reconciler))
            let run = Task { try await manager.run() }
            defer { run.cancel() }

            let base = "http://127.0.0.1:\(await manager.servingPort())"
            #expect(try await httpGet("\(base)/healthz").status == 200)
            // The user may not list Widgets yet: the cache cannot sync.
            try await Task.sleep(for: .seconds(1))
            #expect(try await httpGet("\(base)/readyz").status == 503)
            #expect(!(await manager.isReady()))

            try await grant(user, in: namespace, client: admin)
            try await eventually("/readyz to turn ready") { try await httpGet("\(base)/readyz").status == 200 }
            for name in ["w-0", "w-1", "w-flaky"] { _ = try await admin.create(Widget(name, in: namespace)) }
            try await eventually("every Widget reconciled, the flaky one twice") {
                let flaky = await log.count(ReconcileRequest(namespace: namespace, name: "w-flaky"))
                let plain = await log.count(ReconcileRequest(namespace: namespace, name: "w-1"))
                return flaky == 2 && plain == 1
            }

            let metrics = try parsePrometheus(try await httpGet("\(base)/metrics").body)
            let controller = ["controller": "probe"]
            #expect(metrics.value("controller_runtime_reconcile_total", controller.merging(["result": "success"]) { $1 }) == 3)
            #expect(metrics.value("controller_runtime_reconcile_total", controller.merging(["result": "error"]) { $1 }) == 1)
            #expect(metrics.value("controller_runtime_reconcile_errors_total", controller) == 1)
            #expect(metrics.value("controller_runtime_reconcile_time_seconds_count", controller) == 4)
            #expect((metrics.value("controller_runtime_reconcile_time_seconds_sum", controller) ?? -1) > 0)
            #expect(metrics.value("controller_runtime_active_workers", controller) == 0)
            #expect(metrics.value("workqueue_adds_total", ["name": "probe"]).map { $0 >= 3 } == true)
            #expect(metrics.value("workqueue_retries_total", ["name": "probe"]) == 1)
            #expect(metrics.value("workqueue_depth", ["name": "probe"]) == 0)
            #expect((metrics.value("process_resident_memory_bytes") ?? 0) > 1_000_000)
            #expect((metrics.value("process_cpu_seconds_total") ?? 0) > 0)
        }
    }
}
