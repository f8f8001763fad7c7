import Foundation
import Logging

/// Why leading ended without being asked to.
public enum LeaderElectionError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The lease `namespace/name` could not be renewed within the renew deadline, or another
    /// holder took it.
    case lost(lease: String)

    public var description: String {
        switch self {
        case .lost(let lease): return "lost the leader election lease \(lease)"
        }
    }
}

/// Campaigns for a Lease and runs work only while holding it; see ``LeaderElectionState`` for
/// the rules. Replicas of a manager share one lease, so exactly one of them reconciles.
public actor LeaderElector {
    public nonisolated let leaseName: String
    public nonisolated let namespace: String
    public nonisolated let identity: String
    private let client: KubeClient
    private let logger: Logger
    private var state: LeaderElectionState

    /// Whether this replica holds the lease now.
    public var isLeader: Bool { state.isLeader }

    /// Competes for the Lease `namespace/leaseName` as `identity` (unique per replica, e.g. the
    /// pod name plus a random suffix).
    public init(
        client: KubeClient, leaseName: String, namespace: String, identity: String, timing: LeaderElectionTiming = LeaderElectionTiming(),
        logger: Logger = Logger(label: "kubekit.leaderelection")
    ) {
        self.client = client
        self.leaseName = leaseName
        self.namespace = namespace
        self.identity = identity
        self.state = LeaderElectionState(identity: identity, timing: timing)
        var logger = logger
        logger[metadataKey: "lease"] = "\(namespace)/\(leaseName)"
        logger[metadataKey: "identity"] = "\(identity)"
        self.logger = logger
    }

    /// Waits until this replica holds the lease, then runs `lead` while renewing it. When the
    /// lease is lost, `lead` is cancelled at once and ``LeaderElectionError/lost(lease:)`` is
    /// thrown. When the calling task is cancelled (shutdown), `lead` is cancelled and the lease
    /// handed back. Returns without running `lead` when cancelled while campaigning.
    public func run(_ lead: @escaping @Sendable () async throws -> Void) async throws {
        while !(await tryAcquireOrRenew()) {
            do {
                try await Task.sleep(for: state.timing.retryPeriod * Double.random(in: 1.0...1.2))
            } catch {
                return
            }
        }
        logger.info("became leader")
        do {
            try await withThrowingTaskGroup(of: Void.self) { group in
                group.addTask { try await lead() }
                group.addTask { try await self.keepRenewing() }
                defer { group.cancelAll() }
                try await group.next()
            }
        } catch {
            if state.isLeader { await release() }
            // Cancelled (shutdown): a normal end, not a failure.
            if error is CancellationError, Task.isCancelled { return }
            throw error
        }
        await release()
    }

    private func keepRenewing() async throws {
        while true {
            try await Task.sleep(for: state.timing.retryPeriod)
            if await tryAcquireOrRenew() { continue }
            if !state.isLeader {
                logger.error("lost the lease; stopping")
                throw LeaderElectionError.lost(lease: "\(namespace)/\(leaseName)")
            }
        }
    }

    /// One read and, when the rules allow, one write of the lease; whether this replica holds
    /// it afterwards. A leader's attempt is cut short at its renew deadline.
    private func tryAcquireOrRenew() async -> Bool {
        let limit = state.remainingRenewTime(at: .now) ?? state.timing.renewDeadline
        do {
            let client = self.client, name = leaseName, namespace = self.namespace
            let lease: Lease? = try await withTimeout(max(limit, .milliseconds(1)), request: "leader election on \(namespace)/\(name)") {
                do {
                    return try await client.get(Lease.self, name: name, namespace: namespace)
                } catch let error as KubeError where error.code == .notFound {
                    return nil
                }
            }
            let decision = state.decide(observed: lease, now: .now, wallClock: Date())
            let written: Lease.Spec
            switch decision {
            case .standBy:
                return false
            case .create(let spec):
                _ = try await client.create(Lease(metadata: ObjectMeta(name: name, namespace: namespace), spec: spec))
                written = spec
            case .update(let spec):
                guard var updated = lease else { return false }
                updated.spec = spec
                _ = try await client.update(updated)
                written = spec
            }
            state.written(written, at: .now)
            return true
        } catch {
            state.attemptFailed(at: .now)
            logger.info("cannot acquire or renew the lease", metadata: ["error": "\(error)"])
            return false
        }
    }

    /// Hands the lease back so a successor can take it at once. Runs outside the caller's
    /// (possibly cancelled) task.
    private func release() async {
        guard let spec = state.releaseSpec(wallClock: Date()) else { return }
        let client = self.client, name = leaseName, namespace = self.namespace, identity = self.identity
        let released = await Task {
            do {
                var lease = try await client.get(Lease.self, name: name, namespace: namespace)
                guard lease.spec?.holderIdentity == identity else { return true }
                lease.spec = spec
                _ = try await client.update(lease)
                return true
            } catch {
                return false
            }
        }.value
        state.released()
        if released { logger.info("released the lease") } else { logger.warning("cannot release the lease; successors wait for it to expire") }
    }
}
