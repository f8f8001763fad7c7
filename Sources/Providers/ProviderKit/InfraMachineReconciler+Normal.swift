import ClusterAPI
import Foundation
import KubeKit

extension InfraMachineReconciler {
    /// Waits for what the contract says to wait for, then creates (or adopts) the machine once
    /// and follows it until it is provisioned; afterwards only checks that it still exists.
    func reconcileNormal(_ scope: inout Scope) async throws -> ReconcileResult {
        let namespace = scope.context.namespace
        guard let machine = scope.context.machine else {
            scope.setProvisioned(.false, reason: "WaitingForMachine", message: "no Machine owns this object yet")
            return .done
        }
        guard let cluster = scope.context.cluster else {
            scope.setProvisioned(.false, reason: "WaitingForCluster", message: "Cluster \(namespace)/\(machine.spec.clusterName) does not exist yet")
            return .done
        }
        if scope.object.infrastructureStatus.initialization?.provisioned == true {
            return try await checkProvisioned(&scope)
        }
        var identity = scope.object.infrastructureStatus.instanceID.map(MachineIdentity.init)
        if identity == nil {
            guard cluster.status?.initialization?.infrastructureProvisioned == true else {
                scope.setProvisioned(.false, reason: "WaitingForClusterInfrastructure", message: "the Cluster's infrastructure is not provisioned yet")
                return .done
            }
        }
        guard let dataSecretName = machine.spec.bootstrap.dataSecretName, !dataSecretName.isEmpty else {
            scope.setProvisioned(.false, reason: "WaitingForBootstrapData", message: "the Machine's spec.bootstrap.dataSecretName is not set yet")
            return .done
        }
        let userData = try await UserData.read(name: dataSecretName, namespace: namespace, client: client)

        if identity == nil, let found = try await provider.find(scope.context) {
            identity = found
            try await record(found, in: &scope, reason: "Adopted", note: "adopted existing machine \(found)")
        }
        if identity == nil {
            switch try await provider.create(scope.context, userData: userData) {
            case .waiting(let reason, let message):
                scope.setProvisioned(.false, reason: reason, message: message)
                return .requeue(after: pollDelay(since: provisioningSince(scope)))
            case .created(let created):
                identity = created
                try await record(created, in: &scope, reason: "Created", note: "created machine \(created)")
            }
        }
        guard let identity else { return .done }
        switch try await provider.progress(of: identity, scope.context, userData: userData) {
        case .provisioning(let reason, let message):
            scope.setProvisioned(.false, reason: reason, message: message)
            return .requeue(after: pollDelay(since: provisioningSince(scope)))
        case .provisioned(let providerID, let addresses, let failureDomain):
            scope.object.providerID = providerID
            var status = scope.object.infrastructureStatus
            status.addresses = addresses
            status.failureDomain = failureDomain ?? machine.spec.failureDomain
            status.initialization = InfrastructureMachineStatus.Initialization(provisioned: true)
            scope.object.infrastructureStatus = status
            scope.setProvisioned(.true, reason: "Provisioned")
            await events?.record(.normal, reason: "Provisioned", action: "Provision", note: "machine \(identity) is provisioned as \(providerID)", regarding: scope.object)
            return .done
        case .notFound:
            return await vanished(identity, in: &scope)
        }
    }

    /// A provisioned machine stays as it is; one that vanished is reported, not recreated
    /// (CAPI replaces the Machine, e.g. through a MachineHealthCheck).
    private func checkProvisioned(_ scope: inout Scope) async throws -> ReconcileResult {
        guard let id = scope.object.infrastructureStatus.instanceID.map(MachineIdentity.init) else {
            scope.setProvisioned(.true, reason: "Provisioned")
            return .done
        }
        guard try await provider.exists(id, scope.context) else { return await vanished(id, in: &scope) }
        scope.setProvisioned(.true, reason: "Provisioned")
        return .done
    }

    private func vanished(_ identity: MachineIdentity, in scope: inout Scope) async -> ReconcileResult {
        let message = "machine \(identity) no longer exists (deleted out of band); it is not recreated"
        if scope.object.infrastructureStatus.conditions?[type: InfrastructureMachineStatus.machineProvisioned]?.reason != "MachineNotFound" {
            scope.context.logger.warning("machine vanished out of band", metadata: ["instance": "\(identity)"])
        }
        scope.setProvisioned(.false, reason: "MachineNotFound", message: message)
        await events?.record(.warning, reason: "MachineNotFound", action: "Check", note: message, regarding: scope.object)
        return .done
    }

    /// Records the machine's identity at once, before anything else happens to it.
    private func record(_ identity: MachineIdentity, in scope: inout Scope, reason: String, note: String) async throws {
        var status = scope.object.infrastructureStatus
        status.instanceID = identity.id
        scope.object.infrastructureStatus = status
        scope.setProvisioned(.false, reason: reason, message: note)
        try await scope.write()
        scope.context.logger.info("\(note)")
        await events?.record(.normal, reason: reason, action: "Create", note: note, regarding: scope.object)
    }

    private func provisioningSince(_ scope: Scope) -> Date? {
        scope.object.infrastructureStatus.conditions?[type: InfrastructureMachineStatus.machineProvisioned]?.lastTransitionTime
    }
}
