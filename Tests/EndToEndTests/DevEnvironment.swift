import Foundation
import KubeKit
import KubeKitTesting

/// One run of `scripts/dev-up.sh` in a directory of its own, with addresses, bridge and pod
/// network apart from those of the other tests, stopped by `scripts/dev-down.sh`.
struct DevEnvironment {
    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().path
    /// The `mothership` the tests were built with, beside the test bundle.
    static let mothership = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("mothership").path

    /// Where every run's directory is made; `scripts/test.sh` runs `dev-down.sh` on what a
    /// failed run left there.
    static var directories: String { "\(Envtest.cacheDirectory)/e2e" }

    let directory: String
    let settings: [String: String]
    /// What `dev-up.sh` printed: `KUBECONFIG`, `DEV_HOSTED_KUBECONFIG`, `DEV_MANAGER_PID`, …
    var values: [String: String] = [:]

    init(cluster: String, hosts: Int, workers: Int) {
        directory = "\(Self.directories)/\(UUID().uuidString.prefix(8).lowercased())"
        settings = [
            "MOTHERSHIP_DEV_DIR": directory, "MOTHERSHIP_BIN": Self.mothership, "DEV_CLUSTER_NAME": cluster, "DEV_NAMESPACE": "e2e",
            "DEV_HOSTS": "\(hosts)", "DEV_WORKERS": "\(workers)", "DEV_HOST_ADDRESS_BASE": "127.0.2.", "DEV_LB_ADDRESSES": "200-219",
            "DEV_BRIDGE": "mse2e0", "DEV_POD_CIDR": "10.246.0.0/24", "DEV_WAIT_TIMEOUT": "900",
        ]
    }

    /// Runs `scripts/<name>` with the environment's settings (and `extra`) to its end.
    func run(_ name: String, extra: [String: String] = [:], timeout: Duration = .seconds(1800)) async throws -> ScriptResult {
        try await ScriptResult.run(
            "/bin/bash", ["\(Self.repository)/scripts/\(name)"], environment: settings.merging(extra) { _, new in new }, timeout: timeout)
    }

    /// Runs `command` on worker host `host` over SSH, as root, with the host key pinned.
    func ssh(host: String, _ command: String) async throws -> ScriptResult {
        let env = try String(contentsOfFile: "\(directory)/hosts/\(host).env", encoding: .utf8)
        let values = ScriptResult(status: 0, output: env, error: "").keyValues
        guard let key = values["DEV_HOST_KEY"], let knownHosts = values["DEV_HOST_KNOWN_HOSTS"], let address = values["DEV_HOST_ADDRESS"],
            let port = values["DEV_HOST_PORT"]
        else { throw EnvtestError(message: "\(host).env lacks the host's SSH settings") }
        return try await ScriptResult.run(
            "/usr/bin/ssh",
            ["-F", "none", "-i", key, "-o", "IdentitiesOnly=yes", "-o", "BatchMode=yes", "-o", "UserKnownHostsFile=\(knownHosts)",
                "-o", "GlobalKnownHostsFile=/dev/null", "-o", "StrictHostKeyChecking=yes", "-o", "ConnectTimeout=10", "-p", port,
                "root@\(address)", command],
            environment: [:], timeout: .seconds(60))
    }

    mutating func up(extra: [String: String] = [:]) async throws {
        let result = try await run("dev-up.sh", extra: extra)
        guard result.status == 0 else { throw EnvtestError(message: "dev-up.sh failed (\(result.status)):\n\(result.errorTail)") }
        values = result.keyValues
    }

    func down() async throws -> ScriptResult { try await run("dev-down.sh") }

    func client(kubeconfig key: String) throws -> KubeClient {
        guard let path = values[key] else { throw EnvtestError(message: "dev-up.sh printed no \(key)") }
        return KubeClient(configuration: try ClientConfiguration.fromKubeconfig(path: path))
    }
}

/// A finished script: exit status, standard output and error.
struct ScriptResult {
    var status: Int32
    var output: String
    var error: String

    var errorTail: String { error.split(separator: "\n").suffix(40).joined(separator: "\n") }

    /// `KEY=VALUE` lines of the output, values unquoted as bash's `printf %q` wrote them.
    var keyValues: [String: String] {
        var values: [String: String] = [:]
        for line in output.split(separator: "\n") {
            guard let equals = line.firstIndex(of: "="), line[..<equals].allSatisfy({ $0.isUppercase || $0 == "_" || $0.isNumber }) else { continue }
            values[String(line[..<equals])] = String(line[line.index(after: equals)...]).replacingOccurrences(of: "\\", with: "")
        }
        return values
    }

    static func run(_ executable: String, _ arguments: [String], environment: [String: String], timeout: Duration) async throws -> ScriptResult {
        let base = NSTemporaryDirectory() + "script-\(UUID().uuidString.prefix(8))"
        FileManager.default.createFile(atPath: base + ".out", contents: nil)
        FileManager.default.createFile(atPath: base + ".err", contents: nil)
        defer {
            try? FileManager.default.removeItem(atPath: base + ".out")
            try? FileManager.default.removeItem(atPath: base + ".err")
        }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        process.environment = ProcessInfo.processInfo.environment.merging(environment) { _, new in new }
        process.standardOutput = try FileHandle(forWritingTo: URL(fileURLWithPath: base + ".out"))
        process.standardError = try FileHandle(forWritingTo: URL(fileURLWithPath: base + ".err"))
        process.standardInput = FileHandle.nullDevice
        try process.run()
        let deadline = ContinuousClock.now.advanced(by: timeout)
        while process.isRunning {
            if ContinuousClock.now > deadline {
                process.terminate()
                throw EnvtestError(message: "\(executable) \(arguments.first ?? "") still running after \(timeout)")
            }
            try await Task.sleep(for: .milliseconds(500))
        }
        return ScriptResult(
            status: process.terminationStatus, output: (try? String(contentsOfFile: base + ".out", encoding: .utf8)) ?? "",
            error: (try? String(contentsOfFile: base + ".err", encoding: .utf8)) ?? "")
    }
}
