import ClusterAPI
import Foundation
import KubeKit
import KubeKitTesting
import ProviderKit
import SSHMachines
import Testing

@Suite("SSHHost claims under concurrency")
struct SSHHostClaimTests {
    @Test("20 Machines against 10 SSHHosts: exactly 10 claimed, none twice; deleting one frees its host for a waiting Machine")
    func twentyMachinesTenHosts() async throws {
        // Ten real sshd instances, each on its own loopback address (127.0.1.1 … 127.0.1.10),
        // so every host has its own address and provider ID, as real servers do.
        var servers: [SSHServer] = []
        do {
            for index in 1...10 { servers.append(try await SSHServer.start(host: "127.0.1.\(index)")) }
            try await run(servers)
        } catch {
            for server in servers { await server.stop() }
            throw error
        }
        for server in servers { await server.stop() }
    }

    private func run(_ servers: [SSHServer]) async throws {
        try await Envtest.shared().withNamespace { namespace, client in
            let world = try await SSHWorld.make(namespace: namespace, client: client)
            defer { world.removeScratch() }
            for (index, server) in servers.enumerated() { try await world.addHost("host-\(index)", server: server, labels: ["pool": "edge"]) }
            let names = (0..<20).map { "worker-\($0)" }
            for name in names {
                try await world.addMachine(name, userData: world.cloudConfig(trace: name), spec: SSHMachine.Spec(
                    hostSelector: LabelSelectorSpec(matchLabels: ["pool": "edge"]), cleanupCommands: ["echo \(name) >> \(world.scratch)/cleanup.log"]))
            }
            // Two controllers (as two managers would be) reconcile all 20 at once.
            let reconcilers = [world.reconciler(), world.reconciler()]
            try await withThrowingTaskGroup(of: Void.self) { group in
                for (index, name) in names.enumerated() {
                    group.addTask { try await world.settle(name, with: reconcilers[index % 2]) }
                }
                try await group.waitForAll()
            }
            let hosts = try await client.list(SSHHost.self, namespace: namespace).items
            let consumers = hosts.compactMap { $0.spec.consumerRef?.name }
            #expect(consumers.count == 10 && Set(consumers).count == 10)
            var provisioned: [SSHMachine] = []
            var waiting: [SSHMachine] = []
            for name in names {
                let machine = try await world.sshMachine(name)
                if machine.status?.initialization?.provisioned == true { provisioned.append(machine) } else { waiting.append(machine) }
            }
            #expect(provisioned.count == 10 && waiting.count == 10)
            #expect(Set(provisioned.compactMap(\.spec.providerID)).count == 10)
            #expect(Set(provisioned.compactMap(\.status?.instanceID)) == Set(hosts.compactMap(\.metadata.name)))
            for machine in waiting {
                #expect(machine.status?.conditions?[type: InfrastructureMachineStatus.machineProvisioned]?.reason == "WaitingForHost")
                #expect(machine.status?.instanceID == nil)
                #expect(world.lines(machine.metadata.name ?? "").isEmpty)
            }
            for machine in provisioned { #expect(world.lines(machine.metadata.name ?? "") == ["one", "two"]) }

            // Deleting one provisioned machine releases its host; exactly one waiting machine gets it.
            let leaving = try #require(provisioned.first)
            let freed = try #require(leaving.status?.instanceID)
            try await client.delete(SSHMachine.self, name: leaving.metadata.name ?? "", namespace: namespace)
            try await world.settle(leaving.metadata.name ?? "", with: reconcilers[0])
            #expect(world.lines("cleanup.log") == [leaving.metadata.name ?? ""])
            try await withThrowingTaskGroup(of: Void.self) { group in
                for (index, machine) in waiting.enumerated() {
                    group.addTask { try await world.settle(machine.metadata.name ?? "", with: reconcilers[index % 2]) }
                }
                try await group.waitForAll()
            }
            let successors = try await waiting.asyncFilter { try await world.sshMachine($0.metadata.name ?? "").status?.instanceID != nil }
            #expect(successors.count == 1)
            #expect(try await world.host(freed).spec.consumerRef?.name == successors.first?.metadata.name)
            if let successor = successors.first { #expect(world.lines(successor.metadata.name ?? "") == ["one", "two"]) }
        }
    }
}

extension Array {
    fileprivate func asyncFilter(_ keep: (Element) async throws -> Bool) async rethrows -> [Element] {
        var kept: [Element] = []
        for element in self where try await keep(element) { kept.append(element) }
        return kept
    }
}
