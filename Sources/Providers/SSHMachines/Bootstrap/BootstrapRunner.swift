import Logging
import ProviderKit

/// Carries out a cloud-config on a host over one SSH connection: each step at most once (its
/// marker is written in the same remote shell that ran it), the sentinel last. A failing step
/// stops the run with its exit status and the redacted tail of its stderr; running again
/// resumes at that step.
struct BootstrapRunner {
    let connection: SSHConnection
    let script: BootstrapScript
    let sudo: Bool
    let timeout: Duration
    let logger: Logger

    /// Runs what has not run yet; returns once the sentinel is written.
    func run(_ config: CloudConfig) async throws {
        let status = try await execute(script.status, step: "status")
        guard status.output.trimmingCharacters(in: .whitespacesAndNewlines) != "complete" else { return }
        let redaction = Redaction(fileContents: config.writeFiles.map(\.content))
        for step in script.steps(config) {
            let result = try await connection.execute(SSHCommand.shell(step.script, sudo: sudo), input: step.input, timeout: timeout)
            guard result.succeeded else { throw failure(step.name, result, redaction: redaction, reason: "BootstrapFailed") }
        }
        _ = try await execute(script.finish, step: "sentinel")
        logger.info("bootstrap complete", metadata: ["host": "\(connection.endpoint)"])
    }

    /// Runs the cleanup commands, removes what bootstrap wrote and its state.
    func cleanup(_ commands: [String]) async throws {
        let result = try await connection.execute(SSHCommand.shell(script.cleanup(commands), sudo: sudo), timeout: timeout)
        guard result.succeeded else { throw failure("cleanup", result, redaction: Redaction(fileContents: []), reason: "CleanupFailed") }
    }

    private func execute(_ text: String, step: String) async throws -> SSHCommandResult {
        let result = try await connection.execute(SSHCommand.shell(text, sudo: sudo), timeout: timeout)
        guard result.succeeded else { throw failure(step, result, redaction: Redaction(fileContents: []), reason: "BootstrapFailed") }
        return result
    }

    private func failure(_ step: String, _ result: SSHCommandResult, redaction: Redaction, reason: String) -> MachineProviderError {
        let how = result.exitStatus.map { "exited with status \($0)" } ?? "was killed by signal \(result.exitSignal ?? "?")"
        let tail = redaction.tail(result.errorOutput)
        return MachineProviderError(reason: reason, message: "\(step) on \(connection.endpoint) \(how)" + (tail.isEmpty ? "" : "; stderr: \(tail)"))
    }
}
