/// Waits until `condition` holds, polling every 50 ms; after `timeout` throws an
/// ``EnvtestError`` naming `what`, which fails the calling test.
public func eventually(
    timeout: Duration = .seconds(30), _ what: String, _ condition: () async throws -> Bool
) async throws {
    let deadline = ContinuousClock.now.advanced(by: timeout)
    while ContinuousClock.now < deadline {
        if try await condition() { return }
        try await Task.sleep(for: .milliseconds(50))
    }
    throw EnvtestError(message: "timed out after \(timeout) waiting for \(what)")
}
