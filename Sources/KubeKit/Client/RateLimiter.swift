/// A token bucket shared by all requests of one client: holds up to `burst` tokens, refilled at
/// `queriesPerSecond`; a request takes one token, waiting for it when the bucket is empty.
actor RateLimiter {
    private let limit: RateLimit
    private var tokens: Double
    private var updatedAt: ContinuousClock.Instant

    init(limit: RateLimit) {
        self.limit = limit
        self.tokens = Double(limit.burst)
        self.updatedAt = .now
    }

    /// Waits until a token is available and takes it.
    func acquire() async throws {
        refill()
        tokens -= 1
        if tokens < 0 {
            // The token is reserved now; sleeping outside of any state change keeps the order fair.
            try await Task.sleep(for: .seconds(-tokens / limit.queriesPerSecond))
        }
    }

    private func refill() {
        let now = ContinuousClock.now
        let elapsed = now - updatedAt
        updatedAt = now
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        tokens = min(Double(limit.burst), tokens + seconds * limit.queriesPerSecond)
    }
}
