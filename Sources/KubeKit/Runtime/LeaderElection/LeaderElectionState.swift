import Foundation

/// The decisions of leader election on a Lease, without I/O or clocks of its own (times are
/// passed in), so it is tested step by step; ``LeaderElector`` does the reading and writing.
///
/// A candidate never trusts the times written in the lease (clocks differ between machines): it
/// notes when *it* saw the lease last change and takes it over only after a whole lease
/// duration of silence since then. A leader counts from its own last successful renewal and
/// gives up after the shorter renew deadline, so it has stopped before anyone may take over.
public struct LeaderElectionState: Sendable {
    /// What to write after reading the lease.
    public enum Decision: Sendable, Hashable {
        /// No lease exists: create it with this spec, holding it.
        case create(Lease.Spec)
        /// Write this spec over the lease just read (a takeover or a renewal).
        case update(Lease.Spec)
        /// Another holder's claim is live: try again after the retry period.
        case standBy(holder: String)
    }

    public let identity: String
    public let timing: LeaderElectionTiming
    /// Whether this candidate holds the lease, as far as it knows.
    public private(set) var isLeader = false
    private var observedSpec: Lease.Spec?
    private var observedAt: ContinuousClock.Instant?
    private var lastRenewal: ContinuousClock.Instant?

    public init(identity: String, timing: LeaderElectionTiming) {
        self.identity = identity
        self.timing = timing
    }

    /// Decides what to do having read `lease` (nil when none exists) at `now`; `wallClock` is
    /// what goes into the lease's timestamps. Seeing another live holder while leading means
    /// the lease was lost.
    public mutating func decide(observed lease: Lease?, now: ContinuousClock.Instant, wallClock: Date) -> Decision {
        let seconds = Int32(timing.leaseDuration.components.seconds)
        guard let lease else {
            return .create(Lease.Spec(holderIdentity: identity, leaseDurationSeconds: seconds, acquireTime: MicroTime(wallClock), renewTime: MicroTime(wallClock), leaseTransitions: 0))
        }
        let spec = lease.spec ?? Lease.Spec()
        if spec != observedSpec || observedAt == nil {
            observedSpec = spec
            observedAt = now
        }
        let holder = spec.holderIdentity ?? ""
        if holder == identity {
            var renewed = spec
            renewed.renewTime = MicroTime(wallClock)
            renewed.leaseDurationSeconds = seconds
            return .update(renewed)
        }
        let claim = spec.leaseDurationSeconds.map { Duration.seconds(Int64($0)) } ?? timing.leaseDuration
        if !holder.isEmpty, let observedAt, now < observedAt.advanced(by: claim) {
            isLeader = false
            return .standBy(holder: holder)
        }
        return .update(Lease.Spec(
            holderIdentity: identity, leaseDurationSeconds: seconds, acquireTime: MicroTime(wallClock), renewTime: MicroTime(wallClock),
            leaseTransitions: (spec.leaseTransitions ?? 0) + 1))
    }

    /// The write of a ``Decision`` succeeded at `now`: this candidate leads.
    public mutating func written(_ spec: Lease.Spec, at now: ContinuousClock.Instant) {
        observedSpec = spec
        observedAt = now
        lastRenewal = now
        isLeader = true
    }

    /// A read or write failed at `now`. A leader that has not renewed for the renew deadline
    /// stops leading.
    public mutating func attemptFailed(at now: ContinuousClock.Instant) {
        if isLeader, let lastRenewal, now >= lastRenewal.advanced(by: timing.renewDeadline) {
            isLeader = false
        }
    }

    /// How long a leader may still try to renew before it must stop; nil when not leading.
    public func remainingRenewTime(at now: ContinuousClock.Instant) -> Duration? {
        guard isLeader, let lastRenewal else { return nil }
        return lastRenewal.advanced(by: timing.renewDeadline) - now
    }

    /// The spec that hands the lease back on shutdown, so a successor need not wait out the
    /// lease: no holder, one second left. Nil when not leading.
    public func releaseSpec(wallClock: Date) -> Lease.Spec? {
        guard isLeader, var spec = observedSpec else { return nil }
        spec.holderIdentity = ""
        spec.leaseDurationSeconds = 1
        spec.renewTime = MicroTime(wallClock)
        return spec
    }

    /// The lease was handed back.
    public mutating func released() { isLeader = false }
}
