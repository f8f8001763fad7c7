import ClusterAPI
import Crypto
import Foundation
import KubeKit

extension HostedControlPlaneReconciler {
    /// Waits for the Cluster, then writes every object and reports the status, in order:
    /// spec rules → Service and endpoint → PKI → configuration → workloads → status →
    /// initialization → add-ons.
    func reconcileNormal(_ controlPlane: inout HostedControlPlane) async throws -> ReconcileResult {
        let namespace = controlPlane.metadata.namespace ?? ""
        guard let clusterName = controlPlane.clusterName ?? controlPlane.ownerClusterName,
            let cluster = try await getIfPresent(Cluster.self, name: clusterName, namespace: namespace)
        else {
            controlPlane.setCondition(ConditionType.available, .false, reason: "WaitingForCluster", message: "no Cluster owns this HostedControlPlane yet")
            return .done
        }
        let paused = controlPlane.isPaused(cluster: cluster)
        setPausedCondition(&controlPlane, paused: paused)
        if paused { return .done }

        var status = controlPlane.status ?? HostedControlPlane.Status()
        status.externalManagedControlPlane = true
        controlPlane.status = status
        if controlPlane.spec.datastore == nil {
            // The default is chosen once and written down, so scaling later never switches the
            // datastore under a running cluster.
            controlPlane.spec.datastore = ControlPlaneManifests.defaultDatastore(replicas: controlPlane.spec.replicas ?? 1)
        }
        let plan = try SpecRules.evaluate(controlPlane)
        if let refusal = plan.refusal {
            controlPlane.setCondition(ConditionType.specAccepted, .false, reason: refusal.reason, message: refusal.message)
        } else {
            controlPlane.setCondition(ConditionType.specAccepted, .true, reason: "Accepted")
        }

        var rendered = controlPlane
        rendered.spec.replicas = plan.replicas
        let provisional = ControlPlaneManifests(
            controlPlane: rendered, cluster: cluster, version: plan.version, endpoint: controlPlane.spec.controlPlaneEndpoint ?? APIEndpoint())
        controlPlane.status?.selector = provisional.selector

        let service = try await applier.apply(provisional.service(), resource: ManifestResources.service, ownedBy: controlPlane)
        guard let endpoint = try await endpoint(of: controlPlane, service: service, manifests: provisional) else {
            controlPlane.setCondition(
                ConditionType.serviceAvailable, .false, reason: "WaitingForLoadBalancer",
                message: "Service \(namespace)/\(provisional.controlPlaneName) has no load-balancer address yet")
            return .requeue(after: pollInterval)
        }
        controlPlane.spec.controlPlaneEndpoint = endpoint
        controlPlane.setCondition(ConditionType.serviceAvailable, .true, reason: "EndpointAvailable")

        let manifests = ControlPlaneManifests(
            controlPlane: rendered, cluster: cluster, version: plan.version, endpoint: endpoint,
            kineDataSource: try await kineDataSource(rendered, flavor: provisional.flavor))
        let nextRenewal = try await reconcileCertificates(controlPlane, manifests: manifests, service: service)
        controlPlane.setCondition(ConditionType.certificatesAvailable, .true, reason: "CertificatesAvailable")

        try await checkDatastoreSecrets(manifests)
        if manifests.flavor == .k0s { try await applier.apply(manifests.k0sConfigSecret(), ownedBy: controlPlane) }
        for manifest in manifests.workloads() {
            try await applyWorkload(manifest, ownedBy: controlPlane)
        }
        try await reportReplicas(&controlPlane, manifests: manifests, plan: plan)

        let initialized = try await reconcileInitialization(&controlPlane, clusterName: clusterName)
        if initialized { try await reconcileAddons(&controlPlane, clusterName: clusterName, manifests: manifests) }
        let untilRenewal = max(nextRenewal.timeIntervalSinceNow, 1)
        let wait: Duration = initialized ? .seconds(untilRenewal) : min(pollInterval, .seconds(untilRenewal))
        return .requeue(after: wait)
    }

    /// Applies one workload, turning a refusal by the API server into a condition naming it.
    private func applyWorkload(_ manifest: ControlPlaneManifests.Manifest, ownedBy controlPlane: HostedControlPlane) async throws {
        var manifest = manifest
        let digest = Self.digest(of: manifest.object, owner: controlPlane)
        if let live = try? await client.get(UnstructuredObject.self, resource: manifest.resource, name: manifest.object.metadata.name ?? "", namespace: manifest.object.metadata.namespace),
            live.metadata.annotations?[Self.appliedDigestAnnotation] == digest, live.metadata.controllerReference?.uid == controlPlane.metadata.uid
        {
            return
        }
        manifest.object.metadata.annotations = (manifest.object.metadata.annotations ?? [:]).merging([Self.appliedDigestAnnotation: digest]) { _, new in new }
        if manifest.resource == ManifestResources.podDisruptionBudget, try await !serves(manifest.resource) {
            // Management clusters before 1.21 serve PodDisruptionBudgets as policy/v1beta1 only,
            // with the same fields used here.
            manifest.resource.version = "v1beta1"
            manifest.object["apiVersion"] = "policy/v1beta1"
        }
        do {
            try await applier.apply(manifest.object, resource: manifest.resource, ownedBy: controlPlane)
        } catch let error as KubeError where error.code == .invalid || error.code == .notFound {
            throw Failure(
                condition: ConditionType.available, reason: "ApplyFailed",
                message: "\(manifest.resource.kind) \(manifest.object.metadata.key) was refused: \(error)")
        }
    }

    /// The annotation carrying a digest of what was last applied to a workload. An unchanged
    /// workload is not applied again: applying a StatefulSet bumps its resourceVersion even when
    /// nothing changes (kubernetes/kubernetes#95460, #119304), which would wake this controller
    /// through its own watch forever. An edit of a generated field is therefore taken back with
    /// the next change of the generated object, not at once.
    static let appliedDigestAnnotation = "controlplane.mothership.dev/applied-digest"

    /// A digest of `object` as applied for `owner` (sorted-key YAML, so stable).
    static func digest(of object: UnstructuredObject, owner: HostedControlPlane) -> String {
        let text = (try? JSONValue(encoding: object)).flatMap { try? YAMLDocuments.encode([$0]) } ?? ""
        let digest = SHA256.hash(data: Data("\(owner.metadata.uid ?? "")\n\(text)".utf8))
        return digest.prefix(16).map { String(format: "%02x", $0) }.joined()
    }

    /// Whether the management cluster serves `resource` (by discovery).
    private func serves(_ resource: ResourceDescriptor) async throws -> Bool {
        let groupVersion = resource.group.isEmpty ? resource.version : "\(resource.group)/\(resource.version)"
        return try await client.serverResources(forGroupVersion: groupVersion)?.contains { $0.name == resource.plural } ?? false
    }

    /// For the k0s flavor with datastore `kine`: the data source name from its Secret, which
    /// goes into the k0s configuration. Nil otherwise.
    private func kineDataSource(_ controlPlane: HostedControlPlane, flavor: HostedControlPlane.Flavor) async throws -> String? {
        guard flavor == .k0s, let datastore = controlPlane.spec.datastore, datastore.type == .kine else { return nil }
        guard let reference = datastore.kine?.dataSourceSecretRef else {
            throw Failure(condition: ConditionType.datastoreAvailable, reason: "InvalidDatastore", message: "spec.datastore.kine is required for type kine", terminal: true)
        }
        let namespace = controlPlane.metadata.namespace ?? ""
        guard let secret = try await getIfPresent(Secret.self, name: reference.name, namespace: namespace),
            let value = secret.data?[reference.key], let text = String(data: value, encoding: .utf8), !text.isEmpty
        else {
            throw Failure(
                condition: ConditionType.datastoreAvailable, reason: "WaitingForDataSource",
                message: "Secret \(namespace)/\(reference.name) with key \(reference.key) (spec.datastore.kine.dataSourceSecretRef) does not exist")
        }
        return text.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// The Secrets the datastore reads that the user provides must exist before pods use them.
    private func checkDatastoreSecrets(_ manifests: ControlPlaneManifests) async throws {
        let datastore = manifests.datastore
        var required: [(String, String)] = []
        if datastore.type == .kine, let reference = datastore.kine?.dataSourceSecretRef {
            required.append((reference.name, "spec.datastore.kine.dataSourceSecretRef"))
        }
        if datastore.type == .externalEtcd, let name = datastore.externalEtcd?.tlsSecretName {
            required.append((name, "spec.datastore.externalEtcd.tlsSecretName"))
        }
        if datastore.type == .kine, datastore.kine == nil {
            throw Failure(condition: ConditionType.datastoreAvailable, reason: "InvalidDatastore", message: "spec.datastore.kine is required for type kine", terminal: true)
        }
        if datastore.type == .externalEtcd, datastore.externalEtcd == nil {
            throw Failure(
                condition: ConditionType.datastoreAvailable, reason: "InvalidDatastore", message: "spec.datastore.externalEtcd is required for type externalEtcd",
                terminal: true)
        }
        for (name, field) in required where try await getIfPresent(Secret.self, name: name, namespace: manifests.namespace) == nil {
            throw Failure(
                condition: ConditionType.datastoreAvailable, reason: "WaitingForDatastoreSecret",
                message: "Secret \(manifests.namespace)/\(name) (\(field)) does not exist")
        }
    }

    private func setPausedCondition(_ controlPlane: inout HostedControlPlane, paused: Bool) {
        var conditions = controlPlane.status?.conditions ?? []
        conditions.set(Condition(
            type: "Paused", status: paused ? .true : .false, reason: paused ? "Paused" : "NotPaused", observedGeneration: controlPlane.metadata.generation))
        var status = controlPlane.status ?? HostedControlPlane.Status()
        status.conditions = conditions
        controlPlane.status = status
    }

    func getIfPresent<T: KubeResource>(_ type: T.Type, name: String, namespace: String) async throws -> T? {
        do {
            return try await client.get(T.self, name: name, namespace: namespace)
        } catch let error as KubeError where error.code == .notFound {
            return nil
        }
    }
}

extension HostedControlPlane {
    /// The Cluster named by an owner reference of kind `Cluster` (CAPI core sets it).
    var ownerClusterName: String? {
        metadata.ownerReferences?.first { $0.refers(to: Cluster.resource) }?.name
    }
}
