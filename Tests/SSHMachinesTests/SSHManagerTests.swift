import ClusterAPI
import Foundation
import KubeKit
import KubeKitTesting
import ProviderKit
import SSHMachines
import Testing

@Suite("SSH provider registered on a Manager")
struct SSHManagerTests {
    @Test("the registered controllers provision an SSHCluster and an SSHMachine from watches alone, and a released host wakes a waiting machine")
    func registered() async throws {
        try await SSHServer.with { server in
            try await Envtest.shared().withNamespace { namespace, client in
                let world = try await SSHWorld.make(namespace: namespace, client: client)
                defer { world.removeScratch() }
                try await world.addHost("host-a", server: server)
                _ = try await client.create(SSHCluster(
                    metadata: ObjectMeta(name: "edge", namespace: namespace, labels: [ClusterAPIGroup.clusterNameLabel: "edge"]),
                    spec: SSHCluster.Spec(failureDomains: [FailureDomain(name: "rack-1")])))
                try await world.addMachine("worker-0", userData: world.cloudConfig(trace: "worker-0"))
                try await world.addMachine("worker-1", userData: world.cloudConfig(trace: "worker-1"))

                let manager = Manager(client: client, options: ManagerOptions(name: "ssh-test", serveAddress: nil, watchNamespace: namespace))
                await SSHMachinesProvider.register(on: manager)
                let running = Task { try await manager.run() }
                defer { running.cancel() }

                try await eventually(timeout: .seconds(60), "the SSHCluster to be provisioned") {
                    let cluster = try await client.get(SSHCluster.self, name: "edge", namespace: namespace)
                    return cluster.status?.initialization?.provisioned == true
                }
                let cluster = try await client.get(SSHCluster.self, name: "edge", namespace: namespace)
                #expect(cluster.status?.failureDomains == [FailureDomain(name: "rack-1")])
                #expect(cluster.spec.controlPlaneEndpoint == APIEndpoint(host: "127.0.0.1", port: 6443))

                try await eventually(timeout: .seconds(60), "one SSHMachine to be provisioned") {
                    let machines = try await client.list(SSHMachine.self, namespace: namespace).items
                    return machines.filter { $0.status?.initialization?.provisioned == true }.count == 1
                }
                let first = try await client.list(SSHMachine.self, namespace: namespace).items.first { $0.status?.initialization?.provisioned == true }
                let waiting = first?.metadata.name == "worker-0" ? "worker-1" : "worker-0"
                #expect(try await world.condition(waiting)?.reason == "WaitingForHost")

                try await client.delete(SSHMachine.self, name: first?.metadata.name ?? "", namespace: namespace)
                try await eventually(timeout: .seconds(60), "the waiting SSHMachine to get the released host") {
                    try await world.sshMachine(waiting).status?.initialization?.provisioned == true
                }
                #expect(world.lines(waiting) == ["one", "two"])
                #expect(world.lines("cleanup.log") == [first?.metadata.name ?? ""])
            }
        }
    }
}
