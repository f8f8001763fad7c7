import ClusterAPI
import CoreStandIn
import Foundation
import KubeKit
import KubeKitTesting
import Testing

@Suite("CAPI core stand-in: MachineDeployment to Machines on real API servers", .serialized)
struct MachineLifecycleTests {
    @Test("a MachineDeployment of 3 makes one MachineSet and 3 Machines with cloned, owned, labelled bootstrap and infrastructure objects")
    func deploymentOfThree() async throws {
        try await World.run { world in
            let (namespace, client) = (world.namespace, world.client)
            try await world.makeCluster(ready: true)
            try await world.makeTemplates()
            let deployment = try await world.makeDeployment(replicas: 3)

            try await eventually(timeout: .seconds(120), "3 Machines with their clones") {
                let (machines, configs, infra) = (try await world.machines(), try await world.configs(), try await world.infraMachines())
                return machines.count == 3 && configs.count == 3 && infra.count == 3
            }
            let sets = try await world.machineSets()
            try #require(sets.count == 1)
            let set = sets[0]
            let hash = try #require(set.metadata.labels?[ClusterAPIGroup.machineTemplateHashLabel])
            #expect(set.metadata.name == "md-\(hash)")
            #expect(set.metadata.controllerReference?.uid == deployment.metadata.uid)
            #expect(set.metadata.labels?[ClusterAPIGroup.deploymentNameLabel] == "md")
            #expect(set.metadata.labels?[ClusterAPIGroup.clusterNameLabel] == "edge")
            #expect(set.spec.selector.matchLabels?[ClusterAPIGroup.machineTemplateHashLabel] == hash)
            #expect(set.spec.replicas == 3)

            for machine in try await world.machines() {
                let name = try #require(machine.metadata.name)
                #expect(name.hasPrefix("md-\(hash)-"))
                #expect(machine.metadata.controllerReference?.uid == set.metadata.uid)
                let labels = machine.metadata.labels ?? [:]
                #expect(labels[ClusterAPIGroup.setNameLabel] == set.metadata.name)
                #expect(labels[ClusterAPIGroup.deploymentNameLabel] == "md")
                #expect(labels[ClusterAPIGroup.machineTemplateHashLabel] == hash)
                #expect(labels[ClusterAPIGroup.clusterNameLabel] == "edge")
                #expect(labels["standin.test/pool"] == "md")
                #expect(machine.spec.bootstrap.configRef == ContractVersionedObjectReference(apiGroup: TestConfig.resource.group, kind: "TestConfig", name: name))
                #expect(machine.spec.infrastructureRef == ContractVersionedObjectReference(apiGroup: TestMachine.resource.group, kind: "TestMachine", name: name))
                try await eventually(timeout: .seconds(120), "the clones of \(name) are controlled by it") {
                    let config = try await client.get(TestConfig.self, name: name, namespace: namespace)
                    let infra = try await client.get(TestMachine.self, name: name, namespace: namespace)
                    return config.metadata.controllerReference?.uid == machine.metadata.uid && infra.metadata.controllerReference?.uid == machine.metadata.uid
                }
                let config = try await client.get(TestConfig.self, name: name, namespace: namespace)
                let infra = try await client.get(TestMachine.self, name: name, namespace: namespace)
                #expect(config.spec.role == "worker")
                #expect(infra.spec.flavor == "small")
                for meta in [config.metadata, infra.metadata] {
                    #expect(meta.labels?[ClusterAPIGroup.clusterNameLabel] == "edge")
                    #expect(meta.labels?[ClusterAPIGroup.setNameLabel] == set.metadata.name)
                    #expect(meta.labels?["standin.test/role"] == "worker")
                    #expect(meta.annotations?["standin.test/note"] == "from-template")
                    #expect(meta.ownerReferences?.contains { $0.kind == "MachineSet" && $0.uid == set.metadata.uid } == true)
                }
                #expect(config.metadata.annotations?["cluster.x-k8s.io/cloned-from-name"] == "worker")
                #expect(config.metadata.annotations?["cluster.x-k8s.io/cloned-from-groupkind"] == "TestConfigTemplate.bootstrap.standin.test")
                #expect(infra.metadata.annotations?["cluster.x-k8s.io/cloned-from-name"] == "worker-small")
                #expect(infra.metadata.annotations?["cluster.x-k8s.io/cloned-from-groupkind"] == "TestMachineTemplate.infrastructure.standin.test")
            }
        }
    }

    @Test("a Machine walks Pending, Provisioning, Provisioned, Running as its parts report, and gets nodeRef once its Node exists")
    func phases() async throws {
        try await World.run { world in
            let (namespace, client) = (world.namespace, world.client)
            try await world.makeCluster(ready: true)
            try await world.makeTemplates()
            try await world.makeDeployment(replicas: 1)
            try await eventually(timeout: .seconds(120), "a Machine") { try await world.machines().count == 1 }
            let name = try #require(try await world.machines().first?.metadata.name)
            func machine() async throws -> Machine { try await client.get(Machine.self, name: name, namespace: namespace) }
            func phase() async throws -> String? { try await machine().status?.phase }

            try await eventually(timeout: .seconds(120), "Pending") { try await phase() == "Pending" }
            #expect(try await machine().status?.conditions?[type: "BootstrapConfigReady"]?.status == .false)
            #expect(try await machine().metadata.finalizers == ["machine.cluster.x-k8s.io"])

            try await world.reportDataSecret(name)
            try await eventually(timeout: .seconds(120), "Provisioning") { try await phase() == "Provisioning" }
            var current = try await machine()
            #expect(current.spec.bootstrap.dataSecretName == "\(name)-userdata")
            #expect(current.status?.initialization?.bootstrapDataSecretCreated == true)
            #expect(current.status?.initialization?.infrastructureProvisioned != true)
            #expect(current.status?.conditions?[type: "InfrastructureReady"]?.status == .false)

            try await world.reportProvisioned(name)
            try await eventually(timeout: .seconds(120), "Provisioned") { try await phase() == "Provisioned" }
            current = try await machine()
            #expect(current.spec.providerID == world.providerID(name))
            #expect(current.status?.addresses == [MachineAddress(type: .internalIP, address: "10.0.1.7")])
            #expect(current.status?.failureDomain == "zone-b")
            #expect(current.status?.initialization?.infrastructureProvisioned == true)
            #expect(current.status?.nodeRef == nil)
            #expect(current.status?.conditions?[type: "NodeHealthy"]?.reason == "NodeDoesNotExist")

            let nodeName = try await world.registerNode(name, ready: false)
            try await eventually(timeout: .seconds(120), "Running") { try await phase() == "Running" }
            current = try await machine()
            #expect(current.status?.nodeRef?.name == nodeName)
            #expect(current.status?.conditions?[type: "NodeHealthy"]?.status == .false)
            #expect(current.status?.conditions?[type: "Ready"]?.status == .false)
            let node = try await world.hosted.get(UnstructuredObject.self, resource: World.nodes, name: nodeName)
            #expect(node.metadata.annotations?["cluster.x-k8s.io/machine"] == name)
            #expect(node.metadata.annotations?["cluster.x-k8s.io/cluster-name"] == "edge")
            #expect(node.metadata.annotations?["cluster.x-k8s.io/cluster-namespace"] == namespace)

            try await world.setNodeReady(nodeName, true)
            try await eventually(timeout: .seconds(120), "Ready and Available") {
                let machine = try await machine()
                return machine.isTrue("Ready") && machine.isTrue("Available") && machine.isTrue("UpToDate")
            }
            try await eventually(timeout: .seconds(120), "the MachineDeployment counts it") {
                let status = try await world.deployment().status
                return status?.readyReplicas == 1 && status?.availableReplicas == 1 && status?.upToDateReplicas == 1 && status?.phase == "Running"
                    && status?.conditions?[type: "Available"]?.status == .true
            }
        }
    }

    @Test("every object the stand-in wrote passes the CRDs' validation again, and no write of it was refused")
    func writtenObjectsAreValid() async throws {
        try await World.run { world in
            let client = world.client
            let simulator = ProviderSimulator(world)
            try await world.makeCluster(ready: true)
            try await world.makeTemplates()
            try await world.makeDeployment(replicas: 2)
            try await eventually(timeout: .seconds(120), "2 Available Machines and an Available Cluster") {
                let machines = try await world.machines()
                let cluster = try await world.cluster()
                return machines.count == 2 && machines.allSatisfy { $0.isTrue("Available") }
                    && cluster.status?.conditions?[type: "Available"]?.status == .true
            }
            await simulator.stop()
            try await world.stop()
            // Re-submit each object as stored (a dry run): the API server validates it in full
            // against the real CAPI CRDs' schemas, status included.
            let dryRun = WriteOptions(dryRun: true)
            _ = try await client.updateStatus(try await world.cluster(), options: dryRun)
            _ = try await client.update(try await world.cluster(), options: dryRun)
            _ = try await client.updateStatus(try await world.deployment(), options: dryRun)
            _ = try await client.update(try await world.deployment(), options: dryRun)
            for set in try await world.machineSets() {
                _ = try await client.updateStatus(set, options: dryRun)
                _ = try await client.update(set, options: dryRun)
            }
            for machine in try await world.machines() {
                _ = try await client.updateStatus(machine, options: dryRun)
                _ = try await client.update(machine, options: dryRun)
                #expect(machine.status?.conditions?.count ?? 0 >= 8)
            }
            #expect(!world.logs.text.contains("HTTP 422"), "a write was refused as invalid")
            #expect(!world.logs.text.contains("reconcile failed for good"))
        }
    }
}

extension Machine {
    func isTrue(_ type: String) -> Bool { status?.conditions?[type: type]?.status == .true }
}
