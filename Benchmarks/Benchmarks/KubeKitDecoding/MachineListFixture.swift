import ClusterAPI
import Foundation
import KubeKit

/// A `MachineList` of `count` Machines as the API server sends it: full metadata (labels,
/// annotations, owner references, finalizers, managed fields), spec, and a status with
/// conditions, addresses and node info — the shape a controller lists at start-up.
enum MachineListFixture {
    static func json(count: Int) throws -> Data {
        let created = Date(timeIntervalSince1970: 1_795_000_000)
        let managedFields: JSONValue = [
            "f:metadata": ["f:labels": ["f:cluster.x-k8s.io/cluster-name": [:], "f:cluster.x-k8s.io/deployment-name": [:]]],
            "f:spec": ["f:bootstrap": ["f:configRef": [:]], "f:clusterName": [:], "f:infrastructureRef": [:], "f:version": [:]],
        ]
        let items: [JSONValue] = try (0..<count).map { index in
            let name = "workers-\(index / 50)-\(String(format: "%05d", index))"
            var metadata = ObjectMeta(
                name: name, namespace: "fleet-a",
                labels: [
                    "cluster.x-k8s.io/cluster-name": "fleet-a", "cluster.x-k8s.io/deployment-name": "workers-\(index / 50)",
                    "cluster.x-k8s.io/set-name": "workers-\(index / 50)-7d9f8", "node-role.kubernetes.io/worker": "",
                ],
                annotations: ["machine.cluster.x-k8s.io/exclude-node-draining": "false"],
                ownerReferences: [
                    OwnerReference(
                        apiVersion: "cluster.x-k8s.io/v1beta2", kind: "MachineSet", name: "workers-\(index / 50)-7d9f8",
                        uid: UUID().uuidString.lowercased(), controller: true, blockOwnerDeletion: true)
                ],
                finalizers: ["machine.cluster.x-k8s.io"])
            metadata.uid = UUID().uuidString.lowercased()
            metadata.resourceVersion = "\(100_000 + index)"
            metadata.generation = 3
            metadata.creationTimestamp = created
            metadata.managedFields = [
                ManagedFieldsEntry(manager: "capi-manager", operation: "Apply", apiVersion: "cluster.x-k8s.io/v1beta2", time: created, fieldsType: "FieldsV1", fieldsV1: managedFields)
            ]
            var machine = Machine(
                metadata: metadata,
                spec: Machine.Spec(
                    clusterName: "fleet-a",
                    bootstrap: Machine.Bootstrap(
                        configRef: ContractVersionedObjectReference(apiGroup: "bootstrap.mothership.dev", kind: "WorkerConfig", name: name),
                        dataSecretName: name),
                    infrastructureRef: ContractVersionedObjectReference(apiGroup: "infrastructure.mothership.dev", kind: "VSphereMachine", name: name),
                    version: "v1.31.2", providerID: "vsphere://4203\(String(format: "%04d", index))-1c2d-4e5f-8a9b-0c1d2e3f4a5b",
                    failureDomain: "rack-\(index % 4)"))
            var status = MachineStatus()
            status.phase = "Running"
            status.observedGeneration = 3
            status.failureDomain = "rack-\(index % 4)"
            status.initialization = .init(infrastructureProvisioned: true, bootstrapDataSecretCreated: true)
            status.addresses = [
                MachineAddress(type: .internalIP, address: "10.20.\(index / 250).\(index % 250)"),
                MachineAddress(type: .hostname, address: name),
            ]
            status.conditions = ["Available", "Ready", "UpToDate", "BootstrapConfigReady", "InfrastructureReady", "NodeReady", "NodeHealthy"].map {
                Condition(type: $0, status: .true, reason: $0 == "UpToDate" ? "UpToDate" : "Ready", message: "", lastTransitionTime: created, observedGeneration: 3)
            }
            status.lastUpdated = created
            machine.status = status
            return try JSONCoding.decoder.decode(JSONValue.self, from: try JSONCoding.encoder.encode(machine))
        }
        let list: JSONValue = [
            "apiVersion": "cluster.x-k8s.io/v1beta2", "kind": "MachineList",
            "metadata": ["resourceVersion": "200000"], "items": .array(items),
        ]
        return try JSONCoding.encoder.encode(list)
    }
}
