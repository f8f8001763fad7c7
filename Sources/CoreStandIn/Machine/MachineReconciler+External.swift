import ClusterAPI
import KubeKit

extension MachineReconciler {
    /// Adopts the bootstrap config and copies its data Secret's name once it reports
    /// `status.initialization.dataSecretCreated`. A Machine given `dataSecretName` directly has
    /// nothing to wait for.
    func reconcileBootstrap(_ machine: inout Machine, cluster: Cluster) async throws {
        let namespace = machine.metadata.namespace ?? ""
        guard let reference = machine.spec.bootstrap.configRef else {
            if machine.spec.bootstrap.dataSecretName != nil {
                machine.markInitialized(bootstrap: true)
                machine.setCondition("BootstrapConfigReady", .true, reason: "DataSecretProvided")
            }
            return
        }
        let config: UnstructuredObject
        do {
            guard let found = try await external.get(reference, namespace: namespace) else {
                machine.setCondition(
                    "BootstrapConfigReady", machine.status?.initialization?.bootstrapDataSecretCreated == true ? .false : .unknown,
                    reason: "DoesNotExist", message: "\(reference.kind) \(reference.name) does not exist")
                return
            }
            config = try await external.adopt(found, by: machine, controller: true, clusterName: cluster.metadata.name ?? "", reference: reference)
        } catch let error as ContractError {
            machine.setCondition("BootstrapConfigReady", .false, reason: "InvalidReference", message: "\(error)")
            throw error
        }
        guard config.isDataSecretCreated, let secretName = config.dataSecretName else {
            let ready = config.condition("Ready")
            machine.setCondition(
                "BootstrapConfigReady", .false, reason: "NotReady",
                message: ready.map { "\(reference.kind) \(reference.name): \($0.message.isEmpty ? $0.reason : $0.message)" }
                    ?? "\(reference.kind) \(reference.name) has not created the data Secret yet")
            return
        }
        machine.spec.bootstrap.dataSecretName = secretName
        machine.markInitialized(bootstrap: true)
        machine.setCondition("BootstrapConfigReady", .true, reason: "Ready")
    }

    /// Adopts the infrastructure machine and, once it reports
    /// `status.initialization.provisioned`, copies its providerID, addresses and failure domain.
    /// An infrastructure machine that vanishes after provisioning fails the Machine.
    func reconcileInfrastructure(_ machine: inout Machine, cluster: Cluster) async throws {
        let namespace = machine.metadata.namespace ?? ""
        let reference = machine.spec.infrastructureRef
        let infra: UnstructuredObject
        do {
            guard let found = try await external.get(reference, namespace: namespace) else {
                if machine.status?.initialization?.infrastructureProvisioned == true {
                    machine.setCondition("InfrastructureReady", .false, reason: "Deleted", message: "\(reference.kind) \(reference.name) was deleted")
                } else {
                    machine.setCondition("InfrastructureReady", .unknown, reason: "DoesNotExist", message: "\(reference.kind) \(reference.name) does not exist")
                }
                return
            }
            infra = try await external.adopt(found, by: machine, controller: true, clusterName: cluster.metadata.name ?? "", reference: reference)
        } catch let error as ContractError {
            machine.setCondition("InfrastructureReady", .false, reason: "InvalidReference", message: "\(error)")
            throw error
        }
        guard infra.isProvisioned else {
            let ready = infra.condition("Ready")
            machine.setCondition(
                "InfrastructureReady", .false, reason: "NotReady",
                message: ready.map { "\(reference.kind) \(reference.name): \($0.message.isEmpty ? $0.reason : $0.message)" }
                    ?? "\(reference.kind) \(reference.name) is not provisioned yet")
            return
        }
        guard let providerID = infra.providerID else {
            machine.setCondition("InfrastructureReady", .false, reason: "NotReady", message: "\(reference.kind) \(reference.name) reports no spec.providerID")
            return
        }
        machine.spec.providerID = providerID
        var status = machine.status ?? MachineStatus()
        if let addresses = infra.addresses { status.addresses = addresses }
        if let failureDomain = infra.failureDomain {
            status.failureDomain = failureDomain
            if machine.spec.failureDomain == nil { machine.spec.failureDomain = failureDomain }
        }
        machine.status = status
        machine.markInitialized(infrastructure: true)
        machine.setCondition("InfrastructureReady", .true, reason: "Ready")
    }
}
