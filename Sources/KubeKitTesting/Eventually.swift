/// Waits until `condition` holds, polling every 50 ms; after `timeout` throws an
/// ``EnvtestError`` naming `what`, which fails the calling test. The default of 2 minutes is
/// for the whole suite on a loaded 2-core machine (dozens of servers and processes at once);
/// a passing test waits only as long as its condition takes.
public func eventually(
    timeout: Duration = .seconds(120), _ what: String, _ condition: () async throws -> Bool
) async throws {
    let deadline = ContinuousClock.now.advanced(by: timeout)
    while ContinuousClock.now < deadline {
        if try await condition() { return }
        try await Task.sleep(for: .milliseconds(50))
    }
    throw EnvtestError(message: "timed out after \(timeout) waiting for \(what)")
}
