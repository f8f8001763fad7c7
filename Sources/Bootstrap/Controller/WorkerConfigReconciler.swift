import ClusterAPI
import Foundation
import KubeKit
import Logging

/// The bootstrap controller (CAPI v1beta2 bootstrap contract): for each WorkerConfig, once its
/// Machine and Cluster are ready for workers, mints a join token in the hosted cluster, renders
/// the user data and writes it to the data Secret; keeps the token alive until the node has
/// joined, then removes it; and gives the joined Node its providerID.
public struct WorkerConfigReconciler: Reconciler {
    public typealias Object = WorkerConfig

    /// The finalizer that keeps a WorkerConfig until its join token is gone.
    public static let finalizer = "bootstrap.mothership.dev/worker-config"
    /// The condition reporting the data Secret.
    public static let dataSecretAvailable = "DataSecretAvailable"
    /// The Node label naming the Machine a node was made for.
    public static let machineLabel = "bootstrap.mothership.dev/machine"

    let client: KubeClient
    let hostedClusters: HostedClusterAccess
    let applier: OwnedObjectApplier
    let events: EventRecorder?
    /// The largest user data the machines' platforms accept; larger data is compressed.
    let userDataLimit: Int
    let logger: Logger

    public init(
        client: KubeClient, events: EventRecorder? = nil, userDataLimit: Int = 65_535,
        logger: Logger = Logger(label: "mothership.bootstrap")
    ) {
        self.client = client
        self.hostedClusters = HostedClusterAccess(management: client, logger: logger)
        self.applier = OwnedObjectApplier(client: client, fieldManager: "mothership-bootstrap")
        self.events = events
        self.userDataLimit = userDataLimit
        self.logger = logger
    }

    public func reconcile(_ request: ReconcileRequest) async throws -> ReconcileResult {
        let config: WorkerConfig
        do {
            config = try await client.get(WorkerConfig.self, name: request.name, namespace: request.namespace)
        } catch let error as KubeError where error.code == .notFound {
            return .done
        }
        if config.metadata.isBeingDeleted { return try await finalize(config) }
        var scope = try PatchHelper(client: client, snapshotOf: config)
        var updated = config
        if updated.metadata.addFinalizer(Self.finalizer) {
            updated = try await scope.patch(updated)
            scope = try PatchHelper(client: client, snapshotOf: updated)
        }
        let outcome: Outcome
        do {
            outcome = try await reconcileNormal(&updated)
        } catch let failure as Failure {
            updated.setDataSecretCondition(.false, reason: failure.reason, message: failure.message)
            try await scope.patch(updated)
            if failure.terminal { throw TerminalError(failure.message) }
            throw failure
        }
        try await scope.patch(updated)
        return outcome.result
    }

    /// What a pass ended with.
    struct Outcome {
        var result: ReconcileResult
    }

    /// A reason a pass could not finish, said in the condition.
    struct Failure: Error, CustomStringConvertible {
        var reason: String
        var message: String
        /// Only the user can fix it.
        var terminal = false

        var description: String { message }
    }

    private func finalize(_ config: WorkerConfig) async throws -> ReconcileResult {
        guard config.metadata.hasFinalizer(Self.finalizer) else { return .done }
        if let clusterName = config.clusterName, let namespace = config.metadata.namespace,
            let hosted = try? await hostedClusters.client(forCluster: clusterName, namespace: namespace)
        {
            let tokens = JoinTokens(hosted: hosted)
            if let (token, _) = try await tokens.find(for: config.ownerKey) { try await tokens.delete(token) }
        }
        var updated = config
        updated.metadata.removeFinalizer(Self.finalizer)
        try await PatchHelper(client: client, snapshotOf: config).patch(updated)
        return .done
    }
}

extension WorkerConfig {
    /// `<namespace>.<name>`: how a join token names its WorkerConfig.
    var ownerKey: String { "\(metadata.namespace ?? "").\(metadata.name ?? "")" }

    mutating func setDataSecretCondition(_ status: Condition.Status, reason: String, message: String = "") {
        var conditions = self.status?.conditions ?? []
        conditions.set(Condition(
            type: WorkerConfigReconciler.dataSecretAvailable, status: status, reason: reason, message: message,
            observedGeneration: metadata.generation))
        conditions.setReadySummary(of: [WorkerConfigReconciler.dataSecretAvailable], observedGeneration: metadata.generation)
        var status = self.status ?? Status()
        status.conditions = conditions
        status.observedGeneration = metadata.generation
        self.status = status
    }
}
