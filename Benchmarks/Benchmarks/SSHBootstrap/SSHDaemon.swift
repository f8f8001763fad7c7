import Foundation
import KubeKitTesting

/// Starts and stops sshd instances with the project's `scripts/sshd-up.sh` / `sshd-down.sh`.
enum SSHDaemon {
    /// Starts the instance `name` on the loopback address `host`; its `KEY=VALUE` output.
    static func start(name: String, host: String) async throws -> [String: String] {
        let output = try await run("sshd-up.sh", ["SSHD_STATE_DIR": directory(name), "SSHD_HOST": host])
        var values = ["SSHD_STATE_DIR": directory(name)]
        for line in output.split(separator: "\n") {
            guard let equals = line.firstIndex(of: "=") else { continue }
            values[String(line[..<equals])] = String(line[line.index(after: equals)...])
        }
        return values
    }

    static func stop(_ values: [String: String]) async {
        _ = try? await run("sshd-down.sh", ["SSHD_STATE_DIR": values["SSHD_STATE_DIR"] ?? ""])
    }

    private static func directory(_ name: String) -> String {
        let environment = ProcessInfo.processInfo.environment
        let cache = environment["MOTHERSHIP_CACHE"].flatMap { $0.isEmpty ? nil : $0 } ?? "\(NSHomeDirectory())/.cache/mothership"
        return "\(cache)/sshd/\(name)"
    }

    private static func run(_ script: String, _ environment: [String: String]) async throws -> String {
        let path = NSTemporaryDirectory() + "bench-\(script).\(UUID().uuidString.prefix(8))"
        FileManager.default.createFile(atPath: path, contents: nil)
        defer { try? FileManager.default.removeItem(atPath: path) }
        let output = try FileHandle(forWritingTo: URL(fileURLWithPath: path))
        defer { try? output.close() }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/bash")
        process.arguments = ["\(Envtest.repositoryRoot)/scripts/\(script)"]
        process.environment = ProcessInfo.processInfo.environment.merging(environment) { _, new in new }
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        process.standardInput = FileHandle.nullDevice
        let exited = AsyncStream<Int32> { continuation in
            process.terminationHandler = { continuation.yield($0.terminationStatus); continuation.finish() }
        }
        try process.run()
        var status: Int32 = -1
        for await code in exited { status = code }
        guard status == 0 else { throw EnvtestError(message: "scripts/\(script) failed (exit \(status))") }
        return try String(contentsOfFile: path, encoding: .utf8)
    }
}
