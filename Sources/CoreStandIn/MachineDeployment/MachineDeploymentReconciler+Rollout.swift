import ClusterAPI
import KubeKit

extension MachineDeploymentReconciler {
    /// Brings the MachineSets to the deployment's template and replicas: creates the MachineSet
    /// of the current template, then scales it and the old ones by the rollout strategy, and
    /// deletes old MachineSets that have no Machines left. `sets` ends as written.
    func rollout(_ deployment: MachineDeployment, sets: inout [MachineSet]) async throws {
        let desired = Int(deployment.spec.replicas ?? 1)
        let hash = try MachineTemplateHash.of(deployment.spec.template)
        if !sets.contains(where: { $0.templateHash == hash }) {
            if deployment.spec.paused == true && !sets.isEmpty { return }
            sets.append(try await createMachineSet(for: deployment, hash: hash, replicas: sets.isEmpty ? desired : 0))
        }
        guard let newIndex = sets.firstIndex(where: { $0.templateHash == hash }) else { return }
        let oldIndices = sets.indices.filter { $0 != newIndex }
        var replicas = sets.map { Int($0.spec.replicas ?? 1) }

        if oldIndices.allSatisfy({ replicas[$0] == 0 }) {
            replicas[newIndex] = desired
        } else if deployment.spec.paused == true {
            return
        } else if deployment.spec.rollout?.strategy?.type == "OnDelete" {
            // Old Machines go only when deleted by hand: the old sets shrink to what is left of
            // them and the new one grows into the room.
            for index in oldIndices { replicas[index] = min(replicas[index], Int(sets[index].status?.replicas ?? 0)) }
            let old = oldIndices.reduce(0) { $0 + replicas[$1] }
            replicas[newIndex] = max(0, desired - old)
        } else {
            let limits = try RolloutLimits(deployment.spec.rollout?.strategy?.rollingUpdate, replicas: desired)
            Self.rollingUpdate(sets: sets, newIndex: newIndex, desired: desired, limits: limits, replicas: &replicas)
        }

        for index in sets.indices where Int(sets[index].spec.replicas ?? 1) != replicas[index] {
            sets[index] = try await client.patch(
                MachineSet.self, name: sets[index].metadata.name ?? "", namespace: sets[index].metadata.namespace,
                patch: .merge(["spec": ["replicas": .int(Int64(replicas[index]))]]))
        }
        for index in oldIndices.reversed() where replicas[index] == 0 && (sets[index].status?.replicas ?? 0) == 0
            && sets[index].status?.observedGeneration == sets[index].metadata.generation
        {
            do {
                try await client.delete(MachineSet.self, name: sets[index].metadata.name ?? "", namespace: sets[index].metadata.namespace)
            } catch let error as KubeError where error.code == .notFound {}
            sets.remove(at: index)
        }
    }

    /// One step of a rolling update, as Kubernetes Deployments and CAPI take it: grow the new set
    /// while all sets together stay within `desired + maxSurge`; shrink old sets, first by their
    /// unavailable Machines, then by available ones while more than `desired - maxUnavailable`
    /// stay available (counting the new set's Machines that are not available yet as missing).
    static func rollingUpdate(sets: [MachineSet], newIndex: Int, desired: Int, limits: RolloutLimits, replicas: inout [Int]) {
        if replicas[newIndex] > desired {
            replicas[newIndex] = desired
        } else {
            let total = replicas.reduce(0, +)
            let room = desired + limits.maxSurge - total
            if room > 0 { replicas[newIndex] += min(room, desired - replicas[newIndex]) }
        }
        // A set's available Machines, never more than it is meant to keep (its status may lag a scale-down).
        func available(_ index: Int) -> Int { min(Int(sets[index].status?.availableReplicas ?? 0), replicas[index]) }
        let oldIndices = sets.indices.filter { $0 != newIndex }
        let minAvailable = desired - limits.maxUnavailable
        let newUnavailable = max(0, replicas[newIndex] - available(newIndex))
        var maxScaledDown = replicas.reduce(0, +) - minAvailable - newUnavailable
        guard maxScaledDown > 0 else { return }
        for index in oldIndices where maxScaledDown > 0 {
            let unhealthy = replicas[index] - available(index)
            let step = min(maxScaledDown, max(0, unhealthy))
            replicas[index] -= step
            maxScaledDown -= step
        }
        let totalAvailable = sets.indices.reduce(0) { $0 + available($1) }
        var toScaleDown = totalAvailable - minAvailable
        for index in oldIndices where toScaleDown > 0 && replicas[index] > 0 {
            let step = min(replicas[index], toScaleDown)
            replicas[index] -= step
            toScaleDown -= step
        }
    }

    /// Creates the MachineSet of the deployment's current template.
    private func createMachineSet(for deployment: MachineDeployment, hash: String, replicas: Int) async throws -> MachineSet {
        let name = "\(deployment.metadata.name ?? "")-\(hash)"
        let revisionLabels = [
            ClusterAPIGroup.machineTemplateHashLabel: hash,
            ClusterAPIGroup.deploymentNameLabel: deployment.metadata.name ?? "",
            ClusterAPIGroup.clusterNameLabel: deployment.spec.clusterName,
        ]
        var template = deployment.spec.template
        var templateMetadata = template.metadata ?? TemplateMetadata()
        templateMetadata.labels = (templateMetadata.labels ?? [:]).merging(revisionLabels) { _, new in new }
        template.metadata = templateMetadata
        var selector = deployment.spec.selector
        selector.matchLabels = (selector.matchLabels ?? [:]).merging([ClusterAPIGroup.machineTemplateHashLabel: hash]) { _, new in new }
        var spec = MachineSet.Spec(clusterName: deployment.spec.clusterName, replicas: Int32(replicas), selector: selector, template: template)
        spec.deletion = deployment.spec.deletion
        spec.machineNaming = deployment.spec.machineNaming
        var set = MachineSet(
            metadata: ObjectMeta(
                name: name, namespace: deployment.metadata.namespace,
                labels: (deployment.spec.template.metadata?.labels ?? [:]).merging(revisionLabels) { _, new in new }),
            spec: spec)
        try set.metadata.setControllerReference(to: deployment)
        do {
            let created = try await client.create(set)
            logger.info("created MachineSet", metadata: ["machineDeployment": "\(deployment.objectKey)", "machineSet": "\(name)"])
            return created
        } catch let error as KubeError where error.code == .alreadyExists {
            return try await client.get(MachineSet.self, name: name, namespace: deployment.metadata.namespace)
        }
    }
}

extension MachineSet {
    /// The `machine-template-hash` label: which revision of its deployment's template this is.
    var templateHash: String? { metadata.labels?[ClusterAPIGroup.machineTemplateHashLabel] }
}
