import ClusterAPI
import Foundation
import KubeKit
import KubeKitTesting
import Synchronization
import Testing

@Suite("CAPI core stand-in: rolling updates on real API servers", .serialized)
struct RolloutTests {
    @Test(
        "a template change rolls out through a new MachineSet without dropping below replicas - maxUnavailable ready Machines",
        arguments: [(maxSurge: 1, maxUnavailable: 0), (maxSurge: 0, maxUnavailable: 1), (maxSurge: 2, maxUnavailable: 1)] as [(Int32, Int32)])
    func rollingUpdate(maxSurge: Int32, maxUnavailable: Int32) async throws {
        let replicas: Int32 = 3
        try await World.run { world in
            let simulator = ProviderSimulator(world)
            defer { Task { await simulator.stop() } }
            try await world.makeCluster(ready: true)
            try await world.makeTemplates()
            try await world.makeTemplates(infrastructure: "worker-large", flavor: "large")
            let rollout = MachineDeployment.Rollout(strategy: MachineDeployment.Strategy(
                type: "RollingUpdate", rollingUpdate: MachineDeployment.RollingUpdate(maxUnavailable: .int(maxUnavailable), maxSurge: .int(maxSurge))))
            try await world.makeDeployment(replicas: replicas, rollout: rollout)
            try await eventually(timeout: .seconds(120), "3 ready Machines") { try await ScalingTests.runningMachines(world).count == 3 }
            let oldSet = try #require(try await world.machineSets().first)

            // Watch the rollout: the fewest ready Machines and the most Machines asked for at once.
            let fewestReady = Mutex(Int.max)
            let mostWanted = Mutex(0)
            let monitor = Task {
                while !Task.isCancelled {
                    if let ready = try? await ScalingTests.runningMachines(world).count { fewestReady.withLock { $0 = min($0, ready) } }
                    if let sets = try? await world.machineSets() {
                        let wanted = sets.reduce(0) { $0 + Int($1.spec.replicas ?? 0) }
                        mostWanted.withLock { $0 = max($0, wanted) }
                    }
                    try? await Task.sleep(for: .milliseconds(20))
                }
            }
            _ = try await world.client.patch(
                MachineDeployment.self, name: "md", namespace: world.namespace,
                patch: .merge(["spec": ["template": ["spec": ["infrastructureRef": ["name": "worker-large"]]]]]))
            try await eventually(timeout: .seconds(180), "every Machine replaced by a large one") {
                let sets = try await world.machineSets()
                let machines = try await world.machines()
                let infra = try await world.infraMachines()
                return sets.count == 1 && sets[0].metadata.uid != oldSet.metadata.uid && machines.count == 3
                    && machines.allSatisfy { $0.isTrue("Ready") && $0.isTrue("UpToDate") }
                    && infra.count == 3 && infra.allSatisfy { $0.spec.flavor == "large" }
            }
            monitor.cancel()
            _ = await monitor.value
            #expect(fewestReady.withLock { $0 } >= Int(replicas - maxUnavailable))
            #expect(mostWanted.withLock { $0 } <= Int(replicas + maxSurge))
            let newSet = try #require(try await world.machineSets().first)
            #expect(newSet.metadata.labels?[ClusterAPIGroup.machineTemplateHashLabel] != oldSet.metadata.labels?[ClusterAPIGroup.machineTemplateHashLabel])
            try await eventually(timeout: .seconds(120), "the MachineDeployment reports the rollout done") {
                let status = try await world.deployment().status
                return status?.upToDateReplicas == 3 && status?.availableReplicas == 3 && status?.conditions?[type: "MachinesUpToDate"]?.status == .true
            }
        }
    }
}
