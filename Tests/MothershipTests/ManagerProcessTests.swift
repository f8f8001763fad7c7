import ClusterAPI
import Foundation
import KubeKit
import KubeKitTesting
import Testing

@Suite("the mothership manager process")
struct ManagerProcessTests {
    @Test("it serves its probes, takes the lease, and on SIGTERM hands the lease back and exits 0")
    func gracefulShutdown() async throws {
        let server = try await Envtest.shared()
        // The kinds the manager's controllers watch.
        let crds = try FileManager.default.contentsOfDirectory(atPath: "\(Envtest.repositoryRoot)/config/crd").map { "\(Envtest.repositoryRoot)/config/crd/\($0)" }
        try await server.installCRDs(crds + EnvtestServer.capiCRDPaths(["clusters", "machines"]))
        try await server.withNamespace { namespace, client in
            let port = try freePort()
            // Watching only its own namespace, it leaves the objects of tests running beside it alone.
            let (process, output) = try launch([
                "manager", "--kubeconfig", server.kubeconfigPath, "--leader-elect", "--leader-election-namespace", namespace,
                "--namespace", namespace, "--health-probe-bind-address", "127.0.0.1:\(port)",
            ])
            defer { if process.isRunning { kill(process.processIdentifier, SIGKILL) } }

            try await eventually("/readyz to answer ok") { (try? await httpGet("http://127.0.0.1:\(port)/readyz"))?.status == 200 }
            #expect(try await httpGet("http://127.0.0.1:\(port)/healthz").status == 200)
            try await eventually("the manager to hold the lease") {
                let lease = try? await client.get(Lease.self, name: "mothership-leader", namespace: namespace)
                return lease?.spec?.holderIdentity?.hasPrefix(ProcessInfo.processInfo.hostName + "_") == true
            }
            // Leading with nothing to reconcile is still running, not finished.
            try await Task.sleep(for: .seconds(1))
            #expect(process.isRunning, "mothership stopped on its own: \((try? String(contentsOf: output, encoding: .utf8)) ?? "")")
            let metrics = try await httpGet("http://127.0.0.1:\(port)/metrics").body
            #expect(metrics.contains("leader_election_master_status{name=\"mothership-leader\"} 1"))

            kill(process.processIdentifier, SIGTERM)
            let status = try await exitStatus(of: process)
            let log = (try? String(contentsOf: output, encoding: .utf8)) ?? ""
            #expect(status == 0, "mothership exited \(status): \(log)")
            let lease = try await client.get(Lease.self, name: "mothership-leader", namespace: namespace)
            #expect(lease.spec?.holderIdentity == "")
            #expect(log.contains("released the lease"))
        }
    }

    @Test("CAPI core's controllers run only with --capi-core=builtin: then a Cluster gets its phase from the stand-in")
    func capiCoreStandIn() async throws {
        let server = try await Envtest.shared()
        try await server.installCRDs(EnvtestServer.capiCRDPaths())
        try await server.withNamespace { namespace, client in
            _ = try await client.create(Cluster(metadata: ObjectMeta(name: "edge", namespace: namespace), spec: Cluster.Spec(paused: false)))
            let phase: @Sendable () async -> String? = { try? await client.get(Cluster.self, name: "edge", namespace: namespace).status?.phase }
            for capiCore in ["external", "builtin"] {
                let (process, output) = try launch([
                    "manager", "--kubeconfig", server.kubeconfigPath, "--namespace", namespace, "--capi-core", capiCore, "--health-probe-bind-address", "0",
                ])
                defer { if process.isRunning { kill(process.processIdentifier, SIGKILL) } }
                if capiCore == "external" {
                    try await Task.sleep(for: .seconds(3))
                    #expect(await phase() == nil, "no stand-in runs by default")
                } else {
                    try await eventually("the stand-in to set the Cluster's phase") { await phase() == "Pending" }
                    #expect(((try? String(contentsOf: output, encoding: .utf8)) ?? "").contains("stand-in"))
                }
                kill(process.processIdentifier, SIGTERM)
                #expect(try await exitStatus(of: process) == 0)
            }
        }
    }

    @Test("a kubeconfig that cannot be read stops it with a message naming the file")
    func badKubeconfig() async throws {
        let (process, output) = try launch(["manager", "--kubeconfig", "/nonexistent/kubeconfig", "--health-probe-bind-address", "0"])
        let status = try await exitStatus(of: process)
        let log = try String(contentsOf: output, encoding: .utf8)
        #expect(status != 0)
        #expect(log.contains("/nonexistent/kubeconfig"))
    }
}
