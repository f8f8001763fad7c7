import ClusterAPI
import Foundation
import KubeKit
import KubeKitTesting
import Testing

@Suite("CAPI core stand-in: Cluster on real API servers", .serialized)
struct ClusterTests {
    @Test("Cluster initialization, endpoint, phase and conditions follow its infrastructure cluster, control plane and workers")
    func statusFollowsParts() async throws {
        try await World.run { world in
            let (namespace, client) = (world.namespace, world.client)
            let cluster = try await world.makeCluster(ready: false)
            try await eventually(timeout: .seconds(120), "Provisioning, waiting for its parts") {
                let status = try await world.cluster().status
                return status?.phase == "Provisioning" && status?.conditions?[type: "InfrastructureReady"]?.status == .false
                    && status?.conditions?[type: "ControlPlaneInitialized"]?.status == .false
                    && status?.conditions?[type: "Available"]?.status == .false
            }
            #expect(try await world.cluster().metadata.finalizers == ["cluster.cluster.x-k8s.io"])
            for meta in [
                try await client.get(TestCluster.self, name: "edge", namespace: namespace).metadata,
                try await client.get(TestControlPlane.self, name: "edge", namespace: namespace).metadata,
            ] {
                #expect(meta.ownerReferences?.contains { $0.kind == "Cluster" && $0.uid == cluster.metadata.uid } == true)
                #expect(meta.labels?[ClusterAPIGroup.clusterNameLabel] == "edge")
            }

            try await world.provisionInfrastructureCluster()
            try await eventually(timeout: .seconds(120), "Provisioned with the infrastructure's endpoint") {
                let cluster = try await world.cluster()
                return cluster.status?.phase == "Provisioned" && cluster.status?.initialization?.infrastructureProvisioned == true
                    && cluster.spec.controlPlaneEndpoint == APIEndpoint(host: "10.0.0.1", port: 6443)
                    && cluster.status?.conditions?[type: "InfrastructureReady"]?.status == .true
            }
            #expect(try await world.cluster().status?.failureDomains?.map(\.name) == ["zone-a", "zone-b"])
            #expect(try await world.cluster().status?.conditions?[type: "Available"]?.status != .true)

            try await world.initializeControlPlane()
            try await eventually(timeout: .seconds(120), "control plane initialized and available; the Cluster Available") {
                let status = try await world.cluster().status
                return status?.initialization?.controlPlaneInitialized == true
                    && status?.conditions?[type: "ControlPlaneInitialized"]?.status == .true
                    && status?.conditions?[type: "ControlPlaneAvailable"]?.status == .true
                    && status?.conditions?[type: "Available"]?.status == .true
            }

            // A MachineDeployment that is not available yet makes the workers, and the Cluster, unavailable.
            try await world.makeTemplates()
            try await world.makeDeployment(replicas: 1)
            try await eventually(timeout: .seconds(120), "workers not available") {
                let status = try await world.cluster().status
                return status?.workers?.desiredReplicas == 1 && status?.workers?.replicas == 1
                    && status?.conditions?[type: "WorkersAvailable"]?.status == .false
                    && status?.conditions?[type: "Available"]?.status == .false
            }
            let simulator = ProviderSimulator(world)
            try await eventually(timeout: .seconds(120), "workers available") {
                let status = try await world.cluster().status
                return status?.workers?.availableReplicas == 1 && status?.conditions?[type: "Available"]?.status == .true
            }
            await simulator.stop()
        }
    }

    @Test("a reference to a kind without a CRD gets a condition naming the missing CRD")
    func badReference() async throws {
        try await World.run { world in
            _ = try await world.client.create(Cluster(
                metadata: ObjectMeta(name: "edge", namespace: world.namespace),
                spec: Cluster.Spec(infrastructureRef: ContractVersionedObjectReference(apiGroup: "infrastructure.standin.test", kind: "MissingCluster", name: "edge"))))
            try await eventually(timeout: .seconds(120), "InfrastructureReady false with the reason") {
                let condition = try await world.cluster().status?.conditions?[type: "InfrastructureReady"]
                return condition?.status == .false && condition?.reason == "InvalidReference"
                    && condition?.message.contains("missingclusters.infrastructure.standin.test does not exist") == true
            }
        }
    }

    @Test("deleting the Cluster deletes its workers first, then the control plane, then the infrastructure cluster, then itself")
    func deletionOrder() async throws {
        try await World.run { world in
            let (namespace, client) = (world.namespace, world.client)
            let simulator = ProviderSimulator(world)
            try await world.makeCluster(ready: true)
            try await world.makeTemplates()
            try await world.makeDeployment(replicas: 2)
            try await eventually(timeout: .seconds(120), "2 Running Machines") { try await ScalingTests.runningMachines(world).count == 2 }
            await simulator.stop()
            // Each provider holds its object with a finalizer, as it would while releasing it.
            let hold: JSONValue = ["metadata": ["finalizers": ["standin.test/release"]]]
            let release: JSONValue = ["metadata": ["finalizers": nil]]
            let worker = try #require(try await world.machines().first?.metadata.name)
            _ = try await client.patch(TestMachine.self, name: worker, namespace: namespace, patch: .merge(hold))
            _ = try await client.patch(TestControlPlane.self, name: "edge", namespace: namespace, patch: .merge(hold))
            _ = try await client.patch(TestCluster.self, name: "edge", namespace: namespace, patch: .merge(hold))

            try await client.delete(Cluster.self, name: "edge", namespace: namespace)
            try await eventually(timeout: .seconds(120), "the workers are being deleted") {
                let deployment = try await client.getIfExists(MachineDeployment.self, name: "md", namespace: namespace)
                let machines = try await world.machines()
                let cluster = try await world.cluster()
                return deployment?.metadata.deletionTimestamp != nil && machines.allSatisfy { $0.metadata.deletionTimestamp != nil }
                    && cluster.status?.phase == "Deleting"
            }
            try await Task.sleep(for: .seconds(1))
            #expect(try await client.get(TestControlPlane.self, name: "edge", namespace: namespace).metadata.deletionTimestamp == nil, "control plane deleted before the workers were gone")
            #expect(try await world.cluster().status?.conditions?[type: "Deleting"]?.reason == "WaitingForWorkersDeletion")

            _ = try await client.patch(TestMachine.self, name: worker, namespace: namespace, patch: .merge(release))
            try await eventually(timeout: .seconds(120), "workers gone; the control plane being deleted") {
                let machines = try await world.machines()
                let sets = try await world.machineSets()
                let deployment = try await client.getIfExists(MachineDeployment.self, name: "md", namespace: namespace)
                let controlPlane = try await client.get(TestControlPlane.self, name: "edge", namespace: namespace)
                return machines.isEmpty && sets.isEmpty && deployment == nil && controlPlane.metadata.deletionTimestamp != nil
            }
            #expect(try await world.configs().isEmpty)
            #expect(try await world.infraMachines().isEmpty)
            try await Task.sleep(for: .seconds(1))
            #expect(try await client.get(TestCluster.self, name: "edge", namespace: namespace).metadata.deletionTimestamp == nil, "infrastructure deleted before the control plane was gone")

            _ = try await client.patch(TestControlPlane.self, name: "edge", namespace: namespace, patch: .merge(release))
            try await eventually(timeout: .seconds(120), "the infrastructure cluster being deleted") {
                try await client.get(TestCluster.self, name: "edge", namespace: namespace).metadata.deletionTimestamp != nil
            }
            #expect(try await client.getIfExists(Cluster.self, name: "edge", namespace: namespace) != nil)
            _ = try await client.patch(TestCluster.self, name: "edge", namespace: namespace, patch: .merge(release))
            try await eventually(timeout: .seconds(120), "the Cluster is gone") { try await client.getIfExists(Cluster.self, name: "edge", namespace: namespace) == nil }
        }
    }

    @Test("a paused Cluster stops the Cluster, MachineDeployment, MachineSet and Machine controllers until it is unpaused")
    func paused() async throws {
        try await World.run { world in
            let (namespace, client) = (world.namespace, world.client)
            let simulator = ProviderSimulator(world)
            defer { Task { await simulator.stop() } }
            try await world.makeCluster(ready: true)
            try await world.makeTemplates()
            try await world.makeDeployment(replicas: 1)
            try await eventually(timeout: .seconds(120), "a Running Machine") { try await ScalingTests.runningMachines(world).count == 1 }

            _ = try await client.patch(Cluster.self, name: "edge", namespace: namespace, patch: .merge(["spec": ["paused": true]]))
            try await eventually(timeout: .seconds(120), "everything reports Paused") {
                let paused: (([Condition]?) -> Bool) = { $0?[type: "Paused"]?.status == .true }
                let cluster = try await world.cluster()
                let deployment = try await world.deployment()
                let sets = try await world.machineSets()
                let machines = try await world.machines()
                return paused(cluster.status?.conditions) && paused(deployment.status?.conditions)
                    && sets.allSatisfy { paused($0.status?.conditions) } && machines.allSatisfy { paused($0.status?.conditions) }
            }
            _ = try await client.patch(MachineDeployment.self, name: "md", namespace: namespace, patch: .merge(["spec": ["replicas": 3]]))
            let machine = try #require(try await world.machines().first?.metadata.name)
            try await client.delete(TestMachine.self, name: machine, namespace: namespace)
            try await Task.sleep(for: .seconds(2))
            #expect(try await world.machineSets().map { $0.spec.replicas } == [1])
            #expect(try await world.machines().count == 1)
            #expect(try await client.get(Machine.self, name: machine, namespace: namespace).status?.phase == "Running")

            _ = try await client.patch(Cluster.self, name: "edge", namespace: namespace, patch: .merge(["spec": ["paused": false]]))
            try await eventually(timeout: .seconds(120), "scaled to 3 once unpaused, the Machine whose infrastructure vanished Failed") {
                let machines = try await world.machines()
                let failed = try await client.get(Machine.self, name: machine, namespace: namespace)
                let cluster = try await world.cluster()
                return machines.count >= 3 && failed.status?.phase == "Failed" && cluster.status?.conditions?[type: "Paused"]?.status == .false
            }
        }
    }
}
