import ClusterAPI
import Foundation
import KubeKit
import Logging

/// The hosted control-plane controller (CAPI v1beta2 control-plane contract): for each
/// HostedControlPlane, once its Cluster exists, writes the cluster's PKI and kubeconfig
/// Secrets, the Service, the control-plane StatefulSet, the managed datastore and a
/// PodDisruptionBudget — all owned by the HostedControlPlane, by server-side apply — reports
/// the endpoint, replicas, version and initialization, and applies the add-on manifests into
/// the hosted cluster once its API answers.
public struct HostedControlPlaneReconciler: Reconciler {
    public typealias Object = HostedControlPlane

    /// The finalizer that keeps a HostedControlPlane until its objects are deleted.
    public static let finalizer = "controlplane.mothership.dev/hosted-control-plane"
    /// The kinds this controller serves, for CRD generation and installation.
    public static let kinds: [any CustomResource.Type] = [HostedControlPlane.self, HostedControlPlaneTemplate.self]

    /// Condition types, each summarised into `Ready`.
    public enum ConditionType {
        /// The spec can be carried out (version rules, replicas on SQLite).
        public static let specAccepted = "SpecAccepted"
        /// Every PKI and kubeconfig Secret is written and current.
        public static let certificatesAvailable = "CertificatesAvailable"
        /// The Service exists and the endpoint is known.
        public static let serviceAvailable = "ServiceAvailable"
        /// The datastore can serve the API server.
        public static let datastoreAvailable = "DatastoreAvailable"
        /// The hosted API server answers and at least one control-plane pod is ready.
        public static let available = "Available"
        static let summarised = [specAccepted, certificatesAvailable, serviceAvailable, datastoreAvailable, available]
    }

    let client: KubeClient
    let hostedClusters: HostedClusterAccess
    let applier: OwnedObjectApplier
    let events: EventRecorder?
    let logger: Logger
    /// How often to look again while waiting for the hosted API or a load balancer.
    let pollInterval: Duration

    public init(
        client: KubeClient, events: EventRecorder? = nil, pollInterval: Duration = .seconds(10),
        logger: Logger = Logger(label: "mothership.controlplane")
    ) {
        self.client = client
        self.hostedClusters = HostedClusterAccess(management: client, logger: logger)
        self.applier = OwnedObjectApplier(client: client, fieldManager: "mothership-controlplane")
        self.events = events
        self.pollInterval = pollInterval
        self.logger = logger
    }

    public func reconcile(_ request: ReconcileRequest) async throws -> ReconcileResult {
        let controlPlane: HostedControlPlane
        do {
            controlPlane = try await client.get(HostedControlPlane.self, name: request.name, namespace: request.namespace)
        } catch let error as KubeError where error.code == .notFound {
            return .done
        }
        if controlPlane.metadata.isBeingDeleted { return try await finalize(controlPlane) }
        var scope = try PatchHelper(client: client, snapshotOf: controlPlane)
        var updated = controlPlane
        if updated.metadata.addFinalizer(Self.finalizer) {
            updated = try await scope.patch(updated)
            scope = try PatchHelper(client: client, snapshotOf: updated)
        }
        let result: ReconcileResult
        do {
            result = try await reconcileNormal(&updated)
        } catch let failure as Failure {
            updated.setCondition(failure.condition, .false, reason: failure.reason, message: failure.message)
            try await scope.patch(updated)
            if failure.terminal { throw TerminalError(failure.message) }
            throw failure
        }
        try await scope.patch(updated)
        return result
    }

    /// A reason a pass could not finish, said in the condition `condition`.
    struct Failure: Error, CustomStringConvertible {
        var condition: String
        var reason: String
        var message: String
        /// Only the user can fix it.
        var terminal = false

        var description: String { message }
    }

    /// Deletes what the HostedControlPlane generated (garbage collection would too, but not
    /// before the owner is gone), then lets it go.
    private func finalize(_ controlPlane: HostedControlPlane) async throws -> ReconcileResult {
        guard controlPlane.metadata.hasFinalizer(Self.finalizer) else { return .done }
        let namespace = controlPlane.metadata.namespace ?? ""
        if let clusterName = controlPlane.clusterName {
            let owned = OwnedObjects(clusterName: clusterName)
            for (resource, name) in owned.all {
                do {
                    let object = try await client.get(UnstructuredObject.self, resource: resource, name: name, namespace: namespace)
                    guard object.metadata.controllerReference?.uid == controlPlane.metadata.uid else { continue }
                    try await client.delete(resource: resource, name: name, namespace: namespace)
                } catch let error as KubeError where error.code == .notFound {
                    continue
                }
            }
        }
        var updated = controlPlane
        updated.metadata.removeFinalizer(Self.finalizer)
        try await PatchHelper(client: client, snapshotOf: controlPlane).patch(updated)
        return .done
    }
}

/// The names of everything the controller may have generated for a cluster.
struct OwnedObjects {
    var clusterName: String

    /// Where management clusters before 1.21 keep PodDisruptionBudgets.
    var legacyPodDisruptionBudget: ResourceDescriptor {
        var resource = ManifestResources.podDisruptionBudget
        resource.version = "v1beta1"
        return resource
    }

    var all: [(ResourceDescriptor, String)] {
        let secrets = PKISecretNames(clusterName: clusterName).all + ["\(clusterName)-k0s-config"]
        return [
            (ManifestResources.podDisruptionBudget, "\(clusterName)-control-plane"),
            (legacyPodDisruptionBudget, "\(clusterName)-control-plane"),
            (ManifestResources.statefulSet, "\(clusterName)-control-plane"),
            (ManifestResources.statefulSet, "\(clusterName)-etcd"),
            (ManifestResources.service, "\(clusterName)-etcd"),
            (ManifestResources.service, "\(clusterName)-control-plane"),
        ] + secrets.map { (Secret.resource, $0) }
    }
}

extension HostedControlPlane {
    mutating func setCondition(_ type: String, _ status: Condition.Status, reason: String, message: String = "") {
        var conditions = self.status?.conditions ?? []
        conditions.set(Condition(type: type, status: status, reason: reason, message: message, observedGeneration: metadata.generation))
        conditions.setReadySummary(of: HostedControlPlaneReconciler.ConditionType.summarised, observedGeneration: metadata.generation)
        var status = self.status ?? Status()
        status.conditions = conditions
        status.observedGeneration = metadata.generation
        self.status = status
    }
}
