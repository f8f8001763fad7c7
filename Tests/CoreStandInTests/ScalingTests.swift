import ClusterAPI
import Foundation
import KubeKit
import KubeKitTesting
import Testing

@Suite("CAPI core stand-in: scaling on real API servers", .serialized)
struct ScalingTests {
    @Test("scaling 3 → 5 → 2 deletes the unhealthy Machine first, then the newest, and leaves nothing of them behind")
    func scaleUpAndDown() async throws {
        try await World.run { world in
            let client = world.client
            let simulator = ProviderSimulator(world)
            defer { Task { await simulator.stop() } }
            try await world.makeCluster(ready: true)
            try await world.makeTemplates()
            try await world.makeDeployment(replicas: 3, order: "Newest")
            try await eventually(timeout: .seconds(120), "3 Running Machines") { try await Self.runningMachines(world).count == 3 }
            let first = Set(try await world.machines().compactMap(\.metadata.name))
            // creationTimestamp has whole seconds: let the next Machines be visibly newer.
            try await Task.sleep(for: .milliseconds(1100))

            _ = try await client.patch(MachineDeployment.self, name: "md", namespace: world.namespace, patch: .merge(["spec": ["replicas": 5]]))
            try await eventually(timeout: .seconds(120), "5 Running Machines") { try await Self.runningMachines(world).count == 5 }
            let all = Set(try await world.machines().compactMap(\.metadata.name))
            let newest = all.subtracting(first)
            #expect(newest.count == 2)
            #expect(try await world.machineSets().count == 1)

            // One of the oldest turns unhealthy: it goes first, before the newest ones.
            let unhealthy = try #require(first.sorted().first)
            await simulator.markUnhealthy(unhealthy)
            try await eventually(timeout: .seconds(120), "the Machine sees its Node unhealthy") {
                try await client.get(Machine.self, name: unhealthy, namespace: world.namespace).status?.conditions?[type: "NodeHealthy"]?.status == .false
            }
            _ = try await client.patch(MachineDeployment.self, name: "md", namespace: world.namespace, patch: .merge(["spec": ["replicas": 2]]))
            try await eventually(timeout: .seconds(120), "2 Machines left") { try await world.machines().count == 2 }
            let kept = Set(try await world.machines().compactMap(\.metadata.name))
            #expect(kept == first.subtracting([unhealthy]))

            // Nothing of the deleted Machines is left: bootstrap configs, infrastructure machines, Nodes.
            try await eventually(timeout: .seconds(120), "the deleted Machines' parts are gone") {
                let configs = Set(try await world.configs().compactMap(\.metadata.name))
                let infra = Set(try await world.infraMachines().compactMap(\.metadata.name))
                let nodes = Set(try await world.nodes().compactMap(\.metadata.name))
                return configs == kept && infra == kept && nodes == Set(kept.map { "\(world.namespace)-\($0)" })
            }
            try await eventually(timeout: .seconds(120), "the MachineDeployment reports 2 of 2") {
                let status = try await world.deployment().status
                return status?.replicas == 2 && status?.readyReplicas == 2 && status?.availableReplicas == 2
            }
        }
    }

    @Test("a Machine's deletion deletes its infrastructure machine and bootstrap config and waits for them before deleting the Node")
    func machineDeletionOrder() async throws {
        try await World.run { world in
            let client = world.client
            let simulator = ProviderSimulator(world)
            try await world.makeCluster(ready: true)
            try await world.makeTemplates()
            try await world.makeDeployment(replicas: 1)
            try await eventually(timeout: .seconds(120), "a Running Machine") { try await Self.runningMachines(world).count == 1 }
            await simulator.stop()
            let name = try #require(try await world.machines().first?.metadata.name)
            // The infrastructure provider holds its machine while it releases it.
            _ = try await client.patch(TestMachine.self, name: name, namespace: world.namespace, patch: .merge(["metadata": ["finalizers": ["standin.test/release"]]]))
            _ = try await client.patch(MachineDeployment.self, name: "md", namespace: world.namespace, patch: .merge(["spec": ["replicas": 0]]))

            try await eventually(timeout: .seconds(120), "the Machine is Deleting and its parts are being deleted") {
                let machine = try await client.get(Machine.self, name: name, namespace: world.namespace)
                let infra = try await client.get(TestMachine.self, name: name, namespace: world.namespace)
                let config = try await client.getIfExists(TestConfig.self, name: name, namespace: world.namespace)
                return machine.status?.phase == "Deleting" && infra.metadata.deletionTimestamp != nil && config == nil
            }
            try await Task.sleep(for: .seconds(1))
            #expect(try await world.nodes().count == 1, "the Node went before the infrastructure machine")
            #expect(try await client.getIfExists(Machine.self, name: name, namespace: world.namespace) != nil)

            _ = try await client.patch(TestMachine.self, name: name, namespace: world.namespace, patch: .merge(["metadata": ["finalizers": nil]]))
            try await eventually(timeout: .seconds(120), "the Node and the Machine are gone") {
                let nodes = try await world.nodes()
                let machine = try await client.getIfExists(Machine.self, name: name, namespace: world.namespace)
                return nodes.isEmpty && machine == nil
            }
        }
    }

    static func runningMachines(_ world: World) async throws -> [Machine] {
        try await world.machines().filter { $0.status?.phase == "Running" && $0.isTrue("Ready") && $0.metadata.deletionTimestamp == nil }
    }
}
