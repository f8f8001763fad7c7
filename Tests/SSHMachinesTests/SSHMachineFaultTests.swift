import ClusterAPI
import Foundation
import KubeKit
import KubeKitTesting
import ProviderKit
import SSHMachines
import Testing

@Suite("SSHMachine faults: each is reported in a condition, and nothing runs twice once it is fixed")
struct SSHMachineFaultTests {
    /// Runs `body` with a fresh sshd, a namespace and world, the SSHMachine `worker-0` whose
    /// bootstrap writes one file and traces two commands.
    private func withWorld(_ body: (SSHServer, SSHWorld) async throws -> Void) async throws {
        try await SSHServer.with { server in
            try await Envtest.shared().withNamespace { namespace, client in
                let world = try await SSHWorld.make(namespace: namespace, client: client)
                defer { world.removeScratch() }
                try await body(server, world)
            }
        }
    }

    /// Reconciling fails with `reason` in the condition, whose message contains `text`; the
    /// host saw no bootstrap step.
    private func expectFault(_ world: SSHWorld, reason: String, text: String) async throws {
        let reconciler = world.reconciler()
        await #expect(throws: (any Error).self) { try await world.settle("worker-0", with: reconciler) }
        let condition = try #require(try await world.condition("worker-0"))
        #expect(condition.status == .false && condition.reason == reason)
        #expect(condition.message.contains(text), "\(condition.message)")
        #expect(try await world.sshMachine("worker-0").status?.conditions?[type: "Ready"]?.reason == reason)
        #expect(world.lines("trace").isEmpty)
    }

    private func expectRecovered(_ world: SSHWorld) async throws {
        #expect(try await world.settle("worker-0", with: world.reconciler()) == .done)
        #expect(try await world.condition("worker-0")?.status == .true)
        #expect(world.lines("trace") == ["one", "two"])
    }

    @Test("a wrong pinned host key refuses the host before anything runs; pinning the right key recovers")
    func wrongHostKey() async throws {
        try await withWorld { server, world in
            try await SSHServer.with { other in
                try await world.addHost("host-a", server: server, hostKeys: [other.hostPublicKey])
                try await world.addMachine("worker-0", userData: world.cloudConfig(trace: "trace"))
                try await expectFault(world, reason: "HostKeyMismatch", text: server.hostKeyFingerprint)
                _ = try await world.client.patch(
                    SSHHost.self, name: "host-a", namespace: world.namespace, patch: .merge(["spec": ["hostKeys": [.string(server.hostKeyFingerprint)]]]))
                try await expectRecovered(world)
            }
        }
    }

    @Test("a user key the host does not accept is reported; the right key recovers")
    func wrongUserKey() async throws {
        try await withWorld { server, world in
            try await SSHServer.with { other in
                try await world.addHost("host-a", server: server, privateKey: other.privateKey)
                try await world.addMachine("worker-0", userData: world.cloudConfig(trace: "trace"))
                try await expectFault(world, reason: "AuthenticationFailed", text: "did not accept the key of user \(server.user)")
                _ = try await world.client.patch(
                    Secret.self, name: "host-a-key", namespace: world.namespace, patch: .merge(["stringData": ["ssh-privatekey": .string(server.privateKey)]]))
                try await expectRecovered(world)
            }
        }
    }

    @Test("a Machine whose host was never reached is deleted without connecting, and the host released; a bootstrapped host is marked for cleanup")
    func deleteNeverReached() async throws {
        try await withWorld { server, world in
            let stopped = try await SSHServer.start()
            await stopped.stop()
            try await world.addHost("host-a", server: server, port: stopped.port)
            try await world.addMachine("worker-0", userData: world.cloudConfig(trace: "trace"))
            try await expectFault(world, reason: "HostUnreachable", text: "refused")
            #expect(try await world.host("host-a").metadata.annotations?[SSHHost.bootstrapStartedAnnotation] == nil)

            try await world.client.delete(SSHMachine.self, name: "worker-0", namespace: world.namespace)
            #expect(try await world.settle("worker-0", with: world.reconciler()) == .done)
            await #expect(throws: KubeError.self) { try await world.sshMachine("worker-0") }
            #expect(try await world.host("host-a").spec.consumerRef == nil)

            // Reached and bootstrapped, the host carries the mark until deletion cleans it up.
            _ = try await world.client.patch(SSHHost.self, name: "host-a", namespace: world.namespace, patch: .merge(["spec": ["port": .int(Int64(server.port))]]))
            try await world.addMachine("worker-1", userData: world.cloudConfig(trace: "trace"))
            #expect(try await world.settle("worker-1", with: world.reconciler()) == .done)
            let uid = try await world.sshMachine("worker-1").metadata.uid
            #expect(try await world.host("host-a").metadata.annotations?[SSHHost.bootstrapStartedAnnotation] == uid)
            try await world.client.delete(SSHMachine.self, name: "worker-1", namespace: world.namespace)
            #expect(try await world.settle("worker-1", with: world.reconciler()) == .done)
            let released = try await world.host("host-a")
            #expect(released.spec.consumerRef == nil && released.metadata.annotations?[SSHHost.bootstrapStartedAnnotation] == nil)
        }
    }

    @Test("a refused connection is reported; the right port recovers")
    func refused() async throws {
        try await withWorld { server, world in
            let stopped = try await SSHServer.start()
            await stopped.stop()
            try await world.addHost("host-a", server: server, port: stopped.port)
            try await world.addMachine("worker-0", userData: world.cloudConfig(trace: "trace"))
            try await expectFault(world, reason: "HostUnreachable", text: "127.0.0.1:\(stopped.port) refused")
            _ = try await world.client.patch(SSHHost.self, name: "host-a", namespace: world.namespace, patch: .merge(["spec": ["port": .int(Int64(server.port))]]))
            try await expectRecovered(world)
        }
    }

    @Test("a failing command reports its step, exit status and redacted stderr; once it passes, completed steps do not run again")
    func failingCommand() async throws {
        try await withWorld { server, world in
            try await world.addHost("host-a", server: server)
            let gate = "\(world.scratch)/gate"
            try await world.addMachine("worker-0", userData: world.cloudConfig(trace: "trace", commands: [
                "echo one >> \(world.scratch)/trace",
                "test -e \(gate) || { echo 'joining with token=abcdef.0123456789abcdef failed' >&2; exit 3; }",
                "echo two >> \(world.scratch)/trace",
            ]))
            let reconciler = world.reconciler()
            await #expect(throws: (any Error).self) { try await world.settle("worker-0", with: reconciler) }
            let condition = try #require(try await world.condition("worker-0"))
            #expect(condition.reason == "BootstrapFailed")
            #expect(condition.message.contains("runcmd[1]") && condition.message.contains("exited with status 3") && condition.message.contains("joining with"))
            #expect(!condition.message.contains("abcdef.0123456789abcdef"))
            await #expect(throws: (any Error).self) { try await world.settle("worker-0", with: reconciler) }
            #expect(world.lines("trace") == ["one"])

            FileManager.default.createFile(atPath: gate, contents: nil)
            try await expectRecovered(world)
        }
    }

    @Test("a connection cut mid-bootstrap (its sshd session killed) is retried to success without repeating completed steps")
    func connectionCut() async throws {
        try await withWorld { server, world in
            try await world.addHost("host-a", server: server)
            try await world.addMachine("worker-0", userData: world.cloudConfig(trace: "trace", commands: [
                "echo one >> \(world.scratch)/trace",
                "touch \(world.scratch)/sleeping; sleep 120",
                "echo two >> \(world.scratch)/trace",
            ]))
            let reconciler = world.reconciler()
            let sleeping = "\(world.scratch)/sleeping"
            // Reconciles until one is inside the second command; on a loaded machine an earlier
            // pass may fail for other reasons first, and is retried as the controller would.
            // Returns the error that ended the pass the cut interrupted.
            let first = Task { () -> (any Error)? in
                for _ in 0..<50 {
                    do {
                        _ = try await world.settle("worker-0", with: reconciler, attempts: 1)
                    } catch {
                        if FileManager.default.fileExists(atPath: sleeping) { return error }
                        try await Task.sleep(for: .milliseconds(500))
                        continue
                    }
                    if FileManager.default.fileExists(atPath: sleeping) { return nil }
                }
                return nil
            }
            try await eventually(timeout: .seconds(120), "the second command to be running") { FileManager.default.fileExists(atPath: sleeping) }
            server.killSessions()
            #expect(try await first.value != nil, "the cut ends the pass that was running the second command")
            #expect(try await world.condition("worker-0")?.reason == "ConnectionLost")
            #expect(world.lines("trace") == ["one"])

            // A new reconciler (a restarted controller) picks up where the cut left off.
            #expect(try await world.settle("worker-0", with: world.reconciler()) == .done)
            #expect(world.lines("trace") == ["one", "two"])
        }
    }

    @Test("a host claimed just before a crash is adopted, not claimed twice; a provisioned machine is not bootstrapped again")
    func restartAdopts() async throws {
        try await withWorld { server, world in
            try await world.addHost("host-a", server: server)
            try await world.addHost("host-b", server: server)
            try await world.addMachine("worker-0", userData: world.cloudConfig(trace: "trace"))
            // The crashed controller got as far as claiming a host.
            let provider = SSHMachineProvider(client: world.client)
            let object = try await world.sshMachine("worker-0")
            let context = MachineContext(object: object, machine: nil, cluster: nil, logger: .init(label: "test"))
            guard case .created(let claimed) = try await provider.create(context, userData: UserData(value: Data())) else {
                Issue.record("no host claimed")
                return
            }
            #expect(try await world.settle("worker-0", with: world.reconciler()) == .done)
            #expect(try await world.sshMachine("worker-0").status?.instanceID == claimed.id)
            let claims = try await world.client.list(SSHHost.self, namespace: world.namespace).items.filter { $0.spec.consumerRef != nil }
            #expect(claims.map(\.metadata.name) == [claimed.id])
            let events = try await world.client.list(Event.self, namespace: world.namespace).items
            #expect(events.contains { $0.reason == "Adopted" })

            #expect(try await world.settle("worker-0", with: world.reconciler()) == .done)
            #expect(world.lines("trace") == ["one", "two"])
        }
    }

    @Test("a host deleted out of band is reported, and deleting the machine still completes")
    func vanished() async throws {
        try await withWorld { server, world in
            try await world.addHost("host-a", server: server)
            try await world.addMachine("worker-0", userData: world.cloudConfig(trace: "trace"))
            let reconciler = world.reconciler()
            try await world.settle("worker-0", with: reconciler)
            try await world.client.delete(SSHHost.self, name: "host-a", namespace: world.namespace)
            try await world.settle("worker-0", with: reconciler)
            let condition = try #require(try await world.condition("worker-0"))
            #expect(condition.reason == "MachineNotFound" && condition.message.contains("host-a"))
            #expect(try await world.sshMachine("worker-0").status?.initialization?.provisioned == true)
            #expect(try await world.client.list(Event.self, namespace: world.namespace).items.contains { $0.reason == "MachineNotFound" })

            try await world.client.delete(SSHMachine.self, name: "worker-0", namespace: world.namespace)
            #expect(try await world.settle("worker-0", with: reconciler) == .done)
            await #expect(throws: KubeError.self) { try await world.sshMachine("worker-0") }
            #expect(world.lines("cleanup.log").isEmpty)
        }
    }
}
