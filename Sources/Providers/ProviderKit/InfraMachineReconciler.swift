import ClusterAPI
import Foundation
import KubeKit
import Logging

/// The one InfraMachine controller every machine provider shares (CAPI v1beta2 InfraMachine
/// contract): waits for the Machine, the Cluster's infrastructure and the bootstrap data;
/// creates the real machine exactly once through its ``MachineProvider`` — recording its
/// identity before the next step and adopting it after a crash; waits for it with bounded
/// back-off; reports `spec.providerID`, `status.addresses`, `status.failureDomain` and
/// `status.initialization.provisioned`; keeps `Ready` true to life through deletion; honours
/// pause; and releases the machine behind a finalizer, also when it vanished out of band.
public struct InfraMachineReconciler<Provider: MachineProvider>: Reconciler {
    public typealias Object = Provider.Machine

    /// Settings of the reconciler.
    public struct Options: Sendable {
        /// The finalizer that holds the InfraMachine until its real machine is released,
        /// e.g. `infrastructure.mothership.dev/sshmachine`.
        public var finalizer: String
        /// Shortest wait between looks at a machine coming up or going away. Default 2 s.
        public var minimumPoll: Duration
        /// Longest wait between looks: the back-off grows with the time already waited (a
        /// quarter of it) up to this. Default 60 s.
        public var maximumPoll: Duration

        public init(finalizer: String, minimumPoll: Duration = .seconds(2), maximumPoll: Duration = .seconds(60)) {
            self.finalizer = finalizer
            self.minimumPoll = minimumPoll
            self.maximumPoll = maximumPoll
        }
    }

    let client: KubeClient
    let provider: Provider
    let options: Options
    let events: EventRecorder?
    let logger: Logger

    public init(client: KubeClient, provider: Provider, options: Options, events: EventRecorder? = nil, logger: Logger = Logger(label: "mothership.infrastructure")) {
        self.client = client
        self.provider = provider
        self.options = options
        self.events = events
        self.logger = logger
    }

    public func reconcile(_ request: ReconcileRequest) async throws -> ReconcileResult {
        let object: Object
        do {
            object = try await client.get(Object.self, name: request.name, namespace: request.namespace)
        } catch let error as KubeError where error.code == .notFound {
            return .done
        }
        var logger = self.logger
        logger[metadataKey: "object"] = "\(request)"
        let machine = try await owningMachine(of: object)
        let cluster = try await getIfPresent(Cluster.self, name: object.clusterName ?? machine?.spec.clusterName, namespace: object.metadata.namespace)
        var scope = Scope(
            context: MachineContext(object: object, machine: machine, cluster: cluster, logger: logger), client: client,
            patch: try PatchHelper(client: client, snapshotOf: object))

        let paused = object.hasPausedAnnotation || cluster?.spec.paused == true
        scope.setCondition(InfrastructureMachineStatus.paused, paused ? .true : .false, reason: paused ? "Paused" : "NotPaused")
        if paused {
            try await scope.write()
            return .done
        }
        if object.metadata.isBeingDeleted { return try await reconcileDelete(&scope) }
        if scope.object.metadata.addFinalizer(options.finalizer) { try await scope.write() }
        do {
            let result = try await reconcileNormal(&scope)
            try await scope.write()
            return result
        } catch let failure as MachineProviderError {
            scope.setProvisioned(.false, reason: failure.reason, message: failure.message)
            try await scope.write()
            if failure.terminal { throw TerminalError(failure.message) }
            throw failure
        }
    }

    /// The object being reconciled, with what it was read as, so changes are written once.
    struct Scope {
        var context: MachineContext<Object>
        let client: KubeClient
        var patch: PatchHelper<Object>

        var object: Object {
            get { context.object }
            set { context.object = newValue }
        }

        /// Writes the changes so far and takes the result as the new starting point.
        mutating func write() async throws {
            object = try await patch.patch(object)
            patch = try PatchHelper(client: client, snapshotOf: object)
        }

        mutating func setCondition(_ type: String, _ status: Condition.Status, reason: String, message: String = "") {
            var infra = object.infrastructureStatus
            var conditions = infra.conditions ?? []
            conditions.set(Condition(type: type, status: status, reason: reason, message: message, observedGeneration: object.metadata.generation))
            infra.conditions = conditions
            infra.observedGeneration = object.metadata.generation
            object.infrastructureStatus = infra
        }

        /// Sets `MachineProvisioned` and `Ready` summarising it.
        mutating func setProvisioned(_ status: Condition.Status, reason: String, message: String = "") {
            setCondition(InfrastructureMachineStatus.machineProvisioned, status, reason: reason, message: message)
            var infra = object.infrastructureStatus
            infra.conditions?.setReadySummary(of: [InfrastructureMachineStatus.machineProvisioned], observedGeneration: object.metadata.generation)
            object.infrastructureStatus = infra
        }
    }

    private func owningMachine(of object: Object) async throws -> Machine? {
        guard let reference = object.ownerMachineReference else { return nil }
        return try await getIfPresent(Machine.self, name: reference.name, namespace: object.metadata.namespace)
    }

    func getIfPresent<T: KubeResource>(_ type: T.Type, name: String?, namespace: String?) async throws -> T? {
        guard let name, !name.isEmpty else { return nil }
        do {
            return try await client.get(T.self, name: name, namespace: namespace)
        } catch let error as KubeError where error.code == .notFound {
            return nil
        }
    }

    /// How long to wait before looking again at something that has been pending since
    /// `since`: a quarter of the time waited so far, within the options' bounds.
    func pollDelay(since: Date?) -> Duration {
        let waited = Date().timeIntervalSince(since ?? Date())
        let delay = Duration.milliseconds(Int64(max(0, waited) * 250))
        return min(max(delay, options.minimumPoll), options.maximumPoll)
    }
}
