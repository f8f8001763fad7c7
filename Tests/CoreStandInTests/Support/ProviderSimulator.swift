import ClusterAPI
import Foundation
import KubeKit

/// Plays the bootstrap provider, the infrastructure provider and the kubelets for every Machine
/// of a ``World`` while it runs: reports data Secrets, provisions infrastructure machines and
/// registers Ready Nodes, so scaling and rollout tests need not step each Machine by hand.
/// Nodes of Machines listed in ``unhealthy`` are reported not Ready.
final class ProviderSimulator: Sendable {
    private let world: World
    private let task: Task<Void, Never>
    private let unhealthyMachines = UnhealthyMachines()

    init(_ world: World) {
        self.world = world
        let unhealthy = unhealthyMachines
        task = Task {
            while !Task.isCancelled {
                try? await Self.step(world, unhealthy: unhealthy)
                try? await Task.sleep(for: .milliseconds(250))
            }
        }
    }

    /// Reports the Node of Machine `name` not Ready from now on.
    func markUnhealthy(_ name: String) async { await unhealthyMachines.insert(name) }

    func stop() async {
        task.cancel()
        await task.value
    }

    private static func step(_ world: World, unhealthy: UnhealthyMachines) async throws {
        for config in try await world.configs() where config.status?.initialization?.dataSecretCreated != true && config.metadata.deletionTimestamp == nil {
            guard config.metadata.controllerReference?.kind == "Machine" else { continue }
            try await world.reportDataSecret(config.metadata.name ?? "")
        }
        let machines = try await world.machines()
        for infra in try await world.infraMachines() where infra.metadata.deletionTimestamp == nil {
            let name = infra.metadata.name ?? ""
            guard infra.metadata.controllerReference?.kind == "Machine",
                let machine = machines.first(where: { $0.metadata.name == name }), machine.spec.bootstrap.dataSecretName != nil
            else { continue }
            if infra.status?.initialization?.provisioned != true {
                try await world.reportProvisioned(name)
                continue
            }
            let nodeName = "\(world.namespace)-\(name)"
            let wanted = !(await unhealthy.contains(name))
            let node = try? await world.hosted.get(UnstructuredObject.self, resource: World.nodes, name: nodeName)
            let ready = node?["status"]?["conditions"]?.arrayValue?.first { $0["type"] == "Ready" }?["status"]?.stringValue
            if node == nil && machine.metadata.deletionTimestamp == nil && machine.status?.nodeRef == nil {
                try await world.registerNode(name, ready: wanted)
            } else if node != nil, ready != (wanted ? "True" : "False") {
                try await world.setNodeReady(nodeName, wanted)
            }
        }
    }
}

/// Names of Machines whose Nodes are to be reported not Ready.
actor UnhealthyMachines {
    private var names: Set<String> = []
    func insert(_ name: String) { names.insert(name) }
    func contains(_ name: String) -> Bool { names.contains(name) }
}
