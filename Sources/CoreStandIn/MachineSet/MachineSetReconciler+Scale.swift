import ClusterAPI
import Foundation
import KubeKit

extension MachineSetReconciler {
    /// Creates missing Machines, or deletes surplus ones in CAPI's deletion order.
    func scale(_ set: MachineSet, machines: inout [Machine]) async throws {
        let desired = Int(set.spec.replicas ?? 1)
        let active = machines.filter { !$0.metadata.isBeingDeleted }
        if active.count < desired {
            for _ in active.count..<desired {
                machines.append(try await createMachine(for: set))
            }
        } else if active.count > desired {
            let doomed = MachineDeletionOrder.sorted(active, order: set.spec.deletion?.order).prefix(active.count - desired)
            for machine in doomed {
                try await deleteIgnoringMissing(machine)
                logger.info("deleted Machine to scale down", metadata: ["machineSet": "\(set.objectKey)", "machine": "\(machine.metadata.name ?? "")"])
            }
        }
    }

    /// Clones the bootstrap config and infrastructure machine from the template's references,
    /// named as the Machine, then creates the Machine controlled by `set`. When the Machine
    /// cannot be created the clones are deleted again.
    private func createMachine(for set: MachineSet) async throws -> Machine {
        let namespace = set.metadata.namespace ?? ""
        let name = machineName(for: set)
        var labels = set.spec.template.metadata?.labels ?? [:]
        labels[ClusterAPIGroup.setNameLabel] = Self.labelValue(set.metadata.name ?? "")
        labels[ClusterAPIGroup.clusterNameLabel] = set.spec.clusterName
        let annotations = set.spec.template.metadata?.annotations ?? [:]
        var spec = set.spec.template.spec
        spec.clusterName = set.spec.clusterName
        var clones: [ContractVersionedObjectReference] = []
        do {
            if let template = spec.bootstrap.configRef {
                let reference = try await cloner.clone(
                    template, name: name, namespace: namespace, clusterName: set.spec.clusterName, labels: labels, annotations: annotations, owner: set)
                clones.append(reference)
                spec.bootstrap.configRef = reference
            }
            spec.infrastructureRef = try await cloner.clone(
                spec.infrastructureRef, name: name, namespace: namespace, clusterName: set.spec.clusterName, labels: labels,
                annotations: annotations, owner: set)
            clones.append(spec.infrastructureRef)
            var machine = Machine(metadata: ObjectMeta(name: name, namespace: namespace, labels: labels, annotations: annotations.isEmpty ? nil : annotations), spec: spec)
            try machine.metadata.setControllerReference(to: set)
            return try await client.create(machine)
        } catch {
            for reference in clones {
                if let resource = try? await cloner.resolver.resource(for: reference) {
                    try? await client.delete(resource: resource, name: reference.name, namespace: namespace)
                }
            }
            throw error
        }
    }

    /// The name from `spec.machineNaming.template` (default `{{ .machineSet.name }}-{{ .random }}`);
    /// names over 63 characters are cut to 58 and given a random 5-character suffix.
    private func machineName(for set: MachineSet) -> String {
        let template = set.spec.machineNaming?.template ?? "{{ .machineSet.name }}-{{ .random }}"
        let name = template
            .replacingOccurrences(of: "{{ .machineSet.name }}", with: set.metadata.name ?? "")
            .replacingOccurrences(of: "{{ .cluster.name }}", with: set.spec.clusterName)
            .replacingOccurrences(of: "{{ .random }}", with: Self.randomSuffix())
        guard name.count > 63 else { return name }
        return String(name.prefix(58)) + Self.randomSuffix()
    }

    /// Five characters of the alphabet Kubernetes uses for generated names.
    static func randomSuffix() -> String {
        let alphabet = Array("bcdfghjklmnpqrstvwxz2456789")
        return String((0..<5).map { _ in alphabet.randomElement() ?? "x" })
    }

    /// A label value for `name`: the name itself, or a hash of it (`hash_` and the FNV-1a hash in
    /// URL-safe base64) when longer than the 63 characters a label value may have.
    static func labelValue(_ name: String) -> String {
        guard name.count > 63 else { return name }
        var hash: UInt32 = 2_166_136_261
        for byte in name.utf8 {
            hash ^= UInt32(byte)
            hash = hash &* 16_777_619
        }
        let bytes = withUnsafeBytes(of: hash.bigEndian) { Data($0) }
        return "hash_" + bytes.base64EncodedString().replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
    }
}
