/// The timings of leader election, as controller-runtime's defaults.
public struct LeaderElectionTiming: Sendable, Hashable {
    /// How long a holder's claim lasts after its last renewal; candidates wait this long after
    /// they last saw the lease change before taking it over. Default 15 s.
    public var leaseDuration: Duration
    /// How long the leader keeps trying to renew before it gives up leading. Shorter than
    /// `leaseDuration`, so a leader that cannot renew stops before anyone else may start.
    /// Default 10 s.
    public var renewDeadline: Duration
    /// The pause between attempts to acquire or renew. Default 2 s.
    public var retryPeriod: Duration

    public init(leaseDuration: Duration = .seconds(15), renewDeadline: Duration = .seconds(10), retryPeriod: Duration = .seconds(2)) {
        precondition(renewDeadline < leaseDuration, "the renew deadline must be shorter than the lease")
        precondition(retryPeriod < renewDeadline, "the retry period must be shorter than the renew deadline")
        self.leaseDuration = leaseDuration
        self.renewDeadline = renewDeadline
        self.retryPeriod = retryPeriod
    }
}
