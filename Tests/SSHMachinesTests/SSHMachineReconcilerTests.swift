import ClusterAPI
import Foundation
import KubeKit
import KubeKitTesting
import ProviderKit
import SSHMachines
import Testing

@Suite("SSHMachine controller on a real API server and real sshd")
struct SSHMachineReconcilerTests {
    @Test("a Machine with an SSHMachine ends provisioned: files with their modes and encodings, commands in order, sentinel, providerID and addresses; deletion cleans up and releases the host")
    func fullLife() async throws {
        let logs = LogCapture()
        try await SSHServer.with { server in
            try await Envtest.shared().withNamespace { namespace, client in
                let world = try await SSHWorld.make(namespace: namespace, client: client)
                defer { world.removeScratch() }
                try await world.addHost("host-a", server: server, labels: ["rack": "1"])
                let secretValue = "s3cr3t-value-\(UUID().uuidString)"
                let userData = """
                    #cloud-config
                    write_files:
                    - path: \(world.scratch)/files/plain.conf
                      content: |
                        setting=\(secretValue)
                      permissions: '0600'
                    - path: \(world.scratch)/files/b64.conf
                      content: c2VjcmV0LXNldHRpbmc9NDIK
                      encoding: b64
                      permissions: '0755'
                    - path: \(world.scratch)/files/nested/dir/gz.txt
                      content: H4sIAAAAAAAAA0vOzy0oSi0uTk1RSMvMSeUCAPEuZV8QAAAA
                      encoding: gz+b64
                    runcmd:
                    - echo one >> \(world.scratch)/trace
                    - [sh, -c, "echo two >> \(world.scratch)/trace"]
                    - cat \(world.scratch)/files/b64.conf >> \(world.scratch)/trace
                    """
                try await world.addMachine("worker-0", userData: userData, spec: SSHMachine.Spec(
                    hostSelector: LabelSelectorSpec(matchLabels: ["rack": "1"]), cleanupCommands: ["echo cleaned >> \(world.scratch)/cleanup.log"]))
                let reconciler = world.reconciler(logs: logs)

                #expect(try await world.settle("worker-0", with: reconciler) == .done)
                let machine = try await world.sshMachine("worker-0")
                #expect(machine.spec.providerID == "ssh://127.0.0.1")
                #expect(machine.status?.addresses == [MachineAddress(type: .internalIP, address: "127.0.0.1")])
                #expect(machine.status?.failureDomain == "rack-1")
                #expect(machine.status?.instanceID == "host-a")
                #expect(machine.status?.initialization?.provisioned == true)
                #expect(machine.status?.conditions?[type: "Ready"]?.status == .true)
                #expect(machine.metadata.finalizers == [SSHMachinesProvider.finalizer])
                #expect(try await world.host("host-a").spec.consumerRef?.uid == machine.metadata.uid)

                let files = FileManager.default
                func mode(_ path: String) throws -> Int { try (files.attributesOfItem(atPath: "\(world.scratch)/files/\(path)")[.posixPermissions] as? Int) ?? -1 }
                #expect(try mode("plain.conf") == 0o600 && mode("b64.conf") == 0o755 && mode("nested/dir/gz.txt") == 0o644)
                #expect(try String(contentsOfFile: "\(world.scratch)/files/plain.conf", encoding: .utf8) == "setting=\(secretValue)\n")
                #expect(try String(contentsOfFile: "\(world.scratch)/files/nested/dir/gz.txt", encoding: .utf8) == "compressed file\n")
                #expect(world.lines("trace") == ["one", "two", "secret-setting=42"])
                #expect(files.fileExists(atPath: "\(world.scratch)/work-host-a/bootstrap/bootstrap-success.complete"))

                // Reconciling again changes nothing and runs nothing.
                #expect(try await world.settle("worker-0", with: reconciler) == .done)
                #expect(world.lines("trace").count == 3)

                // Deletion runs the cleanup, removes the files bootstrap wrote and releases the host.
                try await client.delete(SSHMachine.self, name: "worker-0", namespace: namespace)
                #expect(try await world.settle("worker-0", with: reconciler) == .done)
                #expect(world.lines("cleanup.log") == ["cleaned"])
                #expect(!files.fileExists(atPath: "\(world.scratch)/files/plain.conf") && !files.fileExists(atPath: "\(world.scratch)/files/nested/dir/gz.txt"))
                #expect(!files.fileExists(atPath: "\(world.scratch)/work-host-a/bootstrap"))
                #expect(try await world.host("host-a").spec.consumerRef == nil)
                await #expect(throws: KubeError.self) { try await world.sshMachine("worker-0") }

                let events = try await client.list(Event.self, namespace: namespace).items
                #expect(Set(events.map(\.reason)).isSuperset(of: ["Created", "Provisioned", "Deleted"]))
                let eventText = String(decoding: try JSONCoding.encoder.encode(events), as: UTF8.self)
                for text in [eventText, logs.text] { #expect(!text.contains(secretValue) && !text.contains("PRIVATE KEY")) }
            }
        }
    }

    @Test("pause stops creation, bootstrap and deletion until it is lifted")
    func pause() async throws {
        try await SSHServer.with { server in
            try await Envtest.shared().withNamespace { namespace, client in
                let world = try await SSHWorld.make(namespace: namespace, client: client)
                defer { world.removeScratch() }
                try await world.addHost("host-a", server: server)
                try await world.addMachine("worker-0", userData: world.cloudConfig(trace: "trace"))
                let reconciler = world.reconciler()
                _ = try await client.patch(SSHMachine.self, name: "worker-0", namespace: namespace, patch: .merge(["metadata": ["annotations": [ClusterAPIGroup.pausedAnnotation: ""]]]))
                #expect(try await world.settle("worker-0", with: reconciler) == .done)
                #expect(try await world.sshMachine("worker-0").status?.conditions?[type: "Paused"]?.status == .true)
                #expect(try await world.host("host-a").spec.consumerRef == nil && world.lines("trace").isEmpty)

                _ = try await client.patch(SSHMachine.self, name: "worker-0", namespace: namespace, patch: .merge(["metadata": ["annotations": [ClusterAPIGroup.pausedAnnotation: nil]]]))
                try await world.settle("worker-0", with: reconciler)
                #expect(world.lines("trace") == ["one", "two"])

                _ = try await client.patch(Cluster.self, name: "edge", namespace: namespace, patch: .merge(["spec": ["paused": true]]))
                try await client.delete(SSHMachine.self, name: "worker-0", namespace: namespace)
                try await world.settle("worker-0", with: reconciler)
                #expect(world.lines("cleanup.log").isEmpty)
                #expect(try await world.host("host-a").spec.consumerRef != nil)
                #expect(try await world.sshMachine("worker-0").status?.conditions?[type: "Paused"]?.status == .true)

                _ = try await client.patch(Cluster.self, name: "edge", namespace: namespace, patch: .merge(["spec": ["paused": false]]))
                try await world.settle("worker-0", with: reconciler)
                #expect(world.lines("cleanup.log") == ["worker-0"])
                #expect(try await world.host("host-a").spec.consumerRef == nil)
            }
        }
    }

    @Test("it waits for the Machine's bootstrap data and the Cluster's infrastructure before claiming a host")
    func waits() async throws {
        try await SSHServer.with { server in
            try await Envtest.shared().withNamespace { namespace, client in
                let world = try await SSHWorld.make(namespace: namespace, client: client)
                defer { world.removeScratch() }
                try await world.addHost("host-a", server: server)
                _ = try await client.patch(
                    Cluster.self, name: "edge", namespace: namespace, patch: .merge(["status": ["initialization": ["infrastructureProvisioned": false]]]),
                    subresource: "status")
                try await world.addMachine("worker-0", userData: world.cloudConfig(trace: "trace"))
                let reconciler = world.reconciler()
                try await world.settle("worker-0", with: reconciler)
                #expect(try await world.condition("worker-0")?.reason == "WaitingForClusterInfrastructure")
                #expect(try await world.host("host-a").spec.consumerRef == nil)

                _ = try await client.patch(
                    Cluster.self, name: "edge", namespace: namespace, patch: .merge(["status": ["initialization": ["infrastructureProvisioned": true]]]),
                    subresource: "status")
                _ = try await client.patch(Machine.self, name: "worker-0", namespace: namespace, patch: .merge(["spec": ["bootstrap": ["dataSecretName": nil]]]))
                try await world.settle("worker-0", with: reconciler)
                #expect(try await world.condition("worker-0")?.reason == "WaitingForBootstrapData")
                #expect(try await world.host("host-a").spec.consumerRef == nil)
            }
        }
    }
}
