import Foundation
import KubeKitTesting

/// A real OpenSSH server on loopback, started by the project's `scripts/sshd-up.sh` in a state
/// directory of its own and stopped by `scripts/sshd-down.sh`: its address, keys and process.
struct SSHServer: Sendable {
    let values: [String: String]
    let stateDirectory: String

    var host: String { values["SSHD_HOST"] ?? "" }
    var port: Int { Int(values["SSHD_PORT"] ?? "") ?? 0 }
    var user: String { values["SSHD_USER"] ?? "" }
    /// The sshd listener's process id.
    var pid: Int32 { Int32(values["SSHD_PID"] ?? "") ?? 0 }
    /// The client's private key, OpenSSH format.
    var privateKey: String { (try? String(contentsOfFile: values["SSHD_KEY"] ?? "", encoding: .utf8)) ?? "" }
    /// The server's host public key line.
    var hostPublicKey: String { (try? String(contentsOfFile: values["SSHD_HOST_KEY_PUB"] ?? "", encoding: .utf8)) ?? "" }
    var hostKeyFingerprint: String { values["SSHD_HOST_KEY_SHA256"] ?? "" }

    /// Starts a fresh instance named `name` (unique per test) with `keyType` host and client
    /// keys, listening on the loopback address `host`.
    static func start(
        _ name: String = "t-" + UUID().uuidString.prefix(8).lowercased(), keyType: String = "ed25519", host: String = "127.0.0.1"
    ) async throws -> SSHServer {
        let directory = "\(Envtest.cacheDirectory)/sshd/\(name)"
        let output = try await run("sshd-up.sh", environment: ["SSHD_STATE_DIR": directory, "SSHD_KEY_TYPE": keyType, "SSHD_HOST": host])
        var values: [String: String] = [:]
        for line in output.split(separator: "\n") {
            guard let equals = line.firstIndex(of: "=") else { continue }
            values[String(line[..<equals])] = String(line[line.index(after: equals)...])
        }
        guard values["SSHD_PORT"] != nil else { throw EnvtestError(message: "sshd-up.sh printed no SSHD_PORT") }
        return SSHServer(values: values, stateDirectory: directory)
    }

    /// Stops the server and deletes its keys.
    func stop() async {
        _ = try? await Self.run("sshd-down.sh", environment: ["SSHD_STATE_DIR": stateDirectory])
        try? FileManager.default.removeItem(atPath: stateDirectory)
    }

    /// Runs `body` with a fresh server, stopped afterwards.
    static func with<T>(keyType: String = "ed25519", _ body: (SSHServer) async throws -> T) async throws -> T {
        let server = try await start(keyType: keyType)
        do {
            let result = try await body(server)
            await server.stop()
            return result
        } catch {
            await server.stop()
            throw error
        }
    }

    /// The per-connection sshd processes (descendants of the listener that run sshd: the
    /// privileged monitor and the session's own sshd), not the commands they run. Killing them
    /// cuts the client's connection as a crash or a network failure would.
    func sessionProcesses() -> [Int32] {
        var found: [Int32] = []
        var pending = [pid]
        while let parent = pending.popLast() {
            let children = (try? String(contentsOfFile: "/proc/\(parent)/task/\(parent)/children", encoding: .utf8)) ?? ""
            for child in children.split(separator: " ").compactMap({ Int32($0.trimmingCharacters(in: .whitespacesAndNewlines)) }) {
                pending.append(child)
                let exe = (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/\(child)/exe")) ?? ""
                if exe == "/usr/sbin/sshd" { found.append(child) }
            }
        }
        return found
    }

    /// Kills every session sshd process of this server (not the listener, not the commands).
    func killSessions() {
        for process in sessionProcesses() { kill(process, SIGKILL) }
    }

    /// Runs one of the project's scripts; stdout through a file so the server it leaves running
    /// does not hold a pipe open.
    private static func run(_ script: String, environment: [String: String]) async throws -> String {
        let stem = NSTemporaryDirectory() + "mothership-\(script).\(UUID().uuidString.prefix(8))"
        FileManager.default.createFile(atPath: "\(stem).out", contents: nil)
        FileManager.default.createFile(atPath: "\(stem).log", contents: nil)
        defer {
            try? FileManager.default.removeItem(atPath: "\(stem).out")
            try? FileManager.default.removeItem(atPath: "\(stem).log")
        }
        let output = try FileHandle(forWritingTo: URL(fileURLWithPath: "\(stem).out"))
        let log = try FileHandle(forWritingTo: URL(fileURLWithPath: "\(stem).log"))
        defer {
            try? output.close()
            try? log.close()
        }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/bash")
        process.arguments = ["\(Envtest.repositoryRoot)/scripts/\(script)"]
        process.environment = ProcessInfo.processInfo.environment.merging(environment) { _, new in new }
        process.standardOutput = output
        process.standardError = log
        process.standardInput = FileHandle.nullDevice
        let exited = AsyncStream<Int32> { continuation in
            process.terminationHandler = { continuation.yield($0.terminationStatus); continuation.finish() }
        }
        try process.run()
        var status: Int32 = -1
        for await code in exited { status = code }
        guard status == 0 else {
            let tail = (try? String(contentsOfFile: "\(stem).log", encoding: .utf8)) ?? ""
            throw EnvtestError(message: "scripts/\(script) failed (exit \(status)):\n\(tail.suffix(2000))")
        }
        return try String(contentsOfFile: "\(stem).out", encoding: .utf8)
    }
}
