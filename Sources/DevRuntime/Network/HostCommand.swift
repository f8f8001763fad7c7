import Foundation

/// Runs the host tools the runtime builds pods with (`ip`, `unshare`, `nsenter`, `umount`) and
/// waits for them. Their output is kept for error messages; none of these commands ever sees
/// Secret data.
enum HostCommand {
    /// Directories searched for tools, in order, independent of the caller's `PATH`.
    static let searchPath = ["/usr/local/sbin", "/usr/local/bin", "/usr/sbin", "/usr/bin", "/sbin", "/bin"]

    /// The absolute path of `tool`, or an error naming it.
    static func locate(_ tool: String) throws -> String {
        for directory in searchPath where FileManager.default.isExecutableFile(atPath: "\(directory)/\(tool)") {
            return "\(directory)/\(tool)"
        }
        throw DevRuntimeError(.hostCommand, "\(tool) is not installed (searched \(searchPath.joined(separator: ":")))")
    }

    /// Runs `tool arguments…` and returns its standard output; a non-zero exit throws with the
    /// command and the tail of its standard error.
    @discardableResult
    static func run(_ tool: String, _ arguments: [String]) async throws -> String {
        let result = try await runAllowingFailure(tool, arguments)
        guard result.status == 0 else {
            throw DevRuntimeError(
                .hostCommand,
                "\(tool) \(arguments.joined(separator: " ")) exited \(result.status): \(result.error.suffix(300))")
        }
        return result.output
    }

    /// Runs `tool arguments…` and returns its exit status and output, whatever the status.
    static func runAllowingFailure(
        _ tool: String, _ arguments: [String], environment: [String: String]? = nil
    ) async throws -> (status: Int32, output: String, error: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: try locate(tool))
        process.arguments = arguments
        if let environment { process.environment = environment }
        // Files, not pipes: reading pipes would block the few threads of the cooperative pool.
        let stem = NSTemporaryDirectory() + "devruntime-\(UUID().uuidString)"
        _ = FileManager.default.createFile(atPath: stem + ".out", contents: nil)
        _ = FileManager.default.createFile(atPath: stem + ".err", contents: nil)
        defer {
            try? FileManager.default.removeItem(atPath: stem + ".out")
            try? FileManager.default.removeItem(atPath: stem + ".err")
        }
        let output = try FileHandle(forWritingTo: URL(fileURLWithPath: stem + ".out"))
        let error = try FileHandle(forWritingTo: URL(fileURLWithPath: stem + ".err"))
        defer {
            try? output.close()
            try? error.close()
        }
        process.standardOutput = output
        process.standardError = error
        process.standardInput = FileHandle.nullDevice
        // A continuation, not a stream: the wait must outlast a cancelled caller, whose command
        // still runs to its end.
        let status: Int32 = try await withCheckedThrowingContinuation { continuation in
            process.terminationHandler = { continuation.resume(returning: $0.terminationStatus) }
            do {
                try process.run()
            } catch {
                continuation.resume(throwing: DevRuntimeError(.hostCommand, "cannot run \(tool): \(error)"))
            }
        }
        let out = FileManager.default.contents(atPath: stem + ".out") ?? Data()
        let err = FileManager.default.contents(atPath: stem + ".err") ?? Data()
        return (status, String(decoding: out, as: UTF8.self), String(decoding: err, as: UTF8.self))
    }
}
