import Foundation
import KubeKit
import KubeKitTesting
import Logging
import ServiceLifecycle
import Testing

/// Short timings so that handovers take seconds, with room for a loaded test machine: 8 s
/// lease, 6 s renew deadline, 1 s retry.
private let timing = LeaderElectionTiming(leaseDuration: .seconds(8), renewDeadline: .seconds(6), retryPeriod: .seconds(1))

/// A manager electing a leader on the Lease `test-leader` whose controller records into `log`.
private func electingManager(_ identity: String, client: KubeClient, namespace: String, log: ReconcileLog) async -> Manager {
    let manager = Manager(
        client: client,
        options: ManagerOptions(
            name: identity, leaderElection: LeaderElectionOptions(leaseName: "test-leader", namespace: namespace, identity: identity, timing: timing),
            serveAddress: ServeAddress(host: "127.0.0.1", port: 0)))
    let informer = await manager.informer(for: Widget.self, options: .init(namespace: namespace))
    await manager.add(Controller(name: "elected", for: informer, reconciler: RecordingReconciler(log: log)))
    return manager
}

@Suite("leader election on the real API server")
struct LeaderElectionTests {
    @Test("two managers share a lease: only the leader reconciles; shutting it down gracefully hands over within the lease duration")
    func handover() async throws {
        try await widgetServer().withNamespace { namespace, client in
            let logA = ReconcileLog(), logB = ReconcileLog()
            let a = await electingManager("a", client: client, namespace: namespace, log: logA)
            let b = await electingManager("b", client: client, namespace: namespace, log: logB)
            let group = ServiceGroup(services: [a], logger: Logger(label: "test"))
            let runA = Task { try await group.run() }
            try await eventually("a to lead") { await a.isLeading() }
            let runB = Task { try await b.run() }
            defer {
                runA.cancel()
                runB.cancel()
            }

            for index in 0..<10 { _ = try await client.create(Widget("w-\(index)", in: namespace)) }
            try await eventually("a to reconcile every Widget") { await logA.counts.count == 10 }
            try await Task.sleep(for: timing.leaseDuration)
            #expect(await logB.counts.isEmpty)
            #expect(!(await b.isLeading()))
            let metricsA = try parsePrometheus(try await httpGet("http://127.0.0.1:\(await a.servingPort())/metrics").body)
            let metricsB = try parsePrometheus(try await httpGet("http://127.0.0.1:\(await b.servingPort())/metrics").body)
            #expect(metricsA.value("leader_election_master_status", ["name": "test-leader"]) == 1)
            #expect(metricsB.value("leader_election_master_status", ["name": "test-leader"]) == 0)

            let stop = ContinuousClock.now
            await group.triggerGracefulShutdown()
            try await runA.value
            try await eventually(timeout: timing.leaseDuration, "b to lead") { await b.isLeading() }
            #expect(ContinuousClock.now - stop < timing.leaseDuration)
            let lease = try await client.get(Lease.self, name: "test-leader", namespace: namespace)
            #expect(lease.spec?.holderIdentity == "b" && lease.spec?.leaseTransitions == 1)

            _ = try await client.create(Widget("after", in: namespace))
            try await eventually("b to reconcile a new Widget") { await logB.count(ReconcileRequest(namespace: namespace, name: "after")) == 1 }
            #expect(await logA.count(ReconcileRequest(namespace: namespace, name: "after")) == 0)
        }
    }

    @Test("a leader that can no longer renew stops reconciling before another manager takes over")
    func cannotRenew() async throws {
        let server = try await widgetServer()
        try await server.withNamespace { namespace, admin in
            let user = "leader-\(namespace)"
            try await grant(user, in: namespace, client: admin)
            let logA = ReconcileLog(), logB = ReconcileLog()
            let a = await electingManager("a", client: try server.client(user: user), namespace: namespace, log: logA)
            let b = await electingManager("b", client: admin, namespace: namespace, log: logB)
            let runA = Task { () -> (any Error)? in
                do {
                    try await a.run()
                    return nil
                } catch {
                    return error
                }
            }
            try await eventually("a to lead") { await a.isLeading() }
            let runB = Task { try await b.run() }
            defer { runB.cancel() }
            _ = try await admin.create(Widget("before", in: namespace))
            try await eventually("a to reconcile") { await logA.counts.count == 1 }

            try await revoke(user, in: namespace, client: admin)
            let aError = await runA.value
            #expect(aError as? LeaderElectionError == .lost(lease: "\(namespace)/test-leader"))
            #expect(!(await b.isLeading()), "b must not lead before a has stopped")
            try await eventually(timeout: .seconds(30), "b to lead") { await b.isLeading() }

            _ = try await admin.create(Widget("after", in: namespace))
            try await eventually("b to reconcile") { await logB.count(ReconcileRequest(namespace: namespace, name: "after")) == 1 }
            #expect(await logA.count(ReconcileRequest(namespace: namespace, name: "after")) == 0)
        }
    }
}
