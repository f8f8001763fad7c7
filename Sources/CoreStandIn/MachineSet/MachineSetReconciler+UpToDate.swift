import ClusterAPI
import KubeKit

extension MachineSetReconciler {
    /// Sets each Machine's `UpToDate` condition: true unless the set belongs to a
    /// MachineDeployment whose template has since changed (its `machine-template-hash` differs
    /// from the set's). Returns the Machines as written.
    func reportUpToDate(_ machines: [Machine], of set: MachineSet) async throws -> [Machine] {
        var upToDate = true
        if let owner = set.metadata.controllerReference, owner.refers(to: MachineDeployment.resource),
            let deployment = try await client.getIfPresent(MachineDeployment.self, name: owner.name, namespace: set.metadata.namespace ?? "")
        {
            upToDate = set.metadata.labels?[ClusterAPIGroup.machineTemplateHashLabel] == (try MachineTemplateHash.of(deployment.spec.template))
        }
        var result: [Machine] = []
        for machine in machines {
            guard !machine.metadata.isBeingDeleted, machine.status?.conditions?[type: "UpToDate"]?.status != (upToDate ? .true : .false) else {
                result.append(machine)
                continue
            }
            var updated = machine
            if upToDate {
                updated.setCondition("UpToDate", .true, reason: "UpToDate")
            } else {
                updated.setCondition("UpToDate", .false, reason: "NotUpToDate", message: "the MachineDeployment's template has changed")
            }
            result.append(try await PatchHelper(client: client, snapshotOf: machine).patch(updated))
        }
        return result
    }
}
