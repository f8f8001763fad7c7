import ClusterAPI
import KubeKit
import Logging

/// What a machine provider does with real machines; the generic ``InfraMachineReconciler``
/// does everything else the CAPI contract asks (waiting, recording, conditions, pause,
/// finalizer). Every method must be safe to call again after a crash at any point.
public protocol MachineProvider: Sendable {
    associatedtype Machine: InfrastructureMachine

    /// The real machine made for this InfraMachine, found by its deterministic name or tag —
    /// how a machine created just before a crash is adopted instead of created twice. Nil
    /// when none exists.
    func find(_ context: MachineContext<Machine>) async throws -> MachineIdentity?

    /// Creates the real machine from `userData`, returning its identity as soon as it has
    /// one (the reconciler records it before the next step), or what it waits for.
    func create(_ context: MachineContext<Machine>, userData: UserData) async throws -> Creation

    /// How far the machine has come; providers whose platform boots machines by itself only
    /// read, providers that drive the machine (SSH runs its bootstrap) take the next step
    /// here. Throw a ``MachineProviderError`` to report a fault.
    func progress(of machine: MachineIdentity, _ context: MachineContext<Machine>, userData: UserData) async throws -> MachineProgress

    /// Whether a provisioned machine still exists (checked on each reconcile after
    /// provisioning, so a machine deleted out of band is reported).
    func exists(_ machine: MachineIdentity, _ context: MachineContext<Machine>) async throws -> Bool

    /// Releases the real machine; called again while it reports ``Deletion/inProgress(message:)``.
    func delete(_ machine: MachineIdentity, _ context: MachineContext<Machine>) async throws -> Deletion
}

/// The objects one reconcile of an InfraMachine works with.
public struct MachineContext<Object: InfrastructureMachine>: Sendable {
    /// The InfraMachine as read at the start of the reconcile.
    public var object: Object
    /// Its owning CAPI Machine; nil only while deleting after the Machine is gone.
    public var machine: ClusterAPI.Machine?
    /// Its Cluster; nil only while deleting after the Cluster is gone.
    public var cluster: Cluster?
    public var logger: Logger

    public init(object: Object, machine: ClusterAPI.Machine?, cluster: Cluster?, logger: Logger) {
        self.object = object
        self.machine = machine
        self.cluster = cluster
        self.logger = logger
    }

    public var namespace: String { object.metadata.namespace ?? "" }
    public var name: String { object.metadata.name ?? "" }
}

/// The provider's ID of a real machine (see ``InfrastructureMachineStatus/instanceID``).
public struct MachineIdentity: Sendable, Hashable, CustomStringConvertible {
    public var id: String

    public init(_ id: String) { self.id = id }

    public var description: String { id }
}

/// The outcome of ``MachineProvider/create(_:userData:)``.
public enum Creation: Sendable, Hashable {
    /// The machine exists (or is being built) under this identity.
    case created(MachineIdentity)
    /// Nothing was created: the provider waits for the outside world (a free host, quota);
    /// `reason` is CamelCase, `message` says what for.
    case waiting(reason: String, message: String)
}

/// The outcome of ``MachineProvider/progress(of:_:userData:)``.
public enum MachineProgress: Sendable, Hashable {
    /// Still coming up; `reason` is CamelCase, `message` says what it waits for.
    case provisioning(reason: String, message: String)
    /// Up: its provider ID, addresses and (when the provider knows it) failure domain.
    case provisioned(providerID: String, addresses: [MachineAddress], failureDomain: String?)
    /// The machine vanished out of band.
    case notFound
}

/// The outcome of ``MachineProvider/delete(_:_:)``.
public enum Deletion: Sendable, Hashable {
    /// Released.
    case deleted
    /// Still releasing (an asynchronous task, a cleanup still running).
    case inProgress(message: String)
    /// It was already gone (deleted out of band): reported, and deletion completes.
    case notFound
}

/// A fault a provider reports: a CamelCase `reason` and a `message` for the
/// `MachineProvisioned` condition (never a secret). `terminal` when only a user can fix it
/// (retrying stops until the object changes); otherwise the reconcile is retried with back-off.
public struct MachineProviderError: Error, Sendable, Hashable, CustomStringConvertible {
    public var reason: String
    public var message: String
    public var terminal: Bool

    public init(reason: String, message: String, terminal: Bool = false) {
        self.reason = reason
        self.message = message
        self.terminal = terminal
    }

    public var description: String { message }
}
