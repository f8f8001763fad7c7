import Foundation
import KubeKit

/// Starts and controls the real API servers tests run against. One shared server is started
/// once per test process (or reused when `scripts/test.sh` already started it); tests that
/// restart or compact a server start a private instance of their own.
public enum Envtest {
    /// The repository's root, found from this file's location.
    public static let repositoryRoot: String = {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().path
    }()

    /// The project's cache, where the scripts keep their builds and server instances:
    /// `$MOTHERSHIP_CACHE`, else `${XDG_CACHE_HOME:-~/.cache}/mothership`, as `scripts/lib/common.sh`.
    public static var cacheDirectory: String {
        let environment = ProcessInfo.processInfo.environment
        if let cache = environment["MOTHERSHIP_CACHE"], !cache.isEmpty { return cache }
        let base = environment["XDG_CACHE_HOME"].flatMap { $0.isEmpty ? nil : $0 } ?? "\(NSHomeDirectory())/.cache"
        return "\(base)/mothership"
    }

    private static let sharedServer = Task<EnvtestServer, any Error> { try await start(instance: "shared") }

    /// The server shared by all tests of this process.
    public static func shared() async throws -> EnvtestServer { try await sharedServer.value }

    /// Starts (or reuses, when already running) the instance `instance` with extra kube-apiserver flags.
    public static func start(instance: String, extraArgs: [String] = []) async throws -> EnvtestServer {
        let stateDirectory = "\(cacheDirectory)/envtest/\(instance)"
        let output = try await runScript(
            "kube-apiserver-up.sh",
            environment: [
                "KUBE_APISERVER_STATE_DIR": stateDirectory,
                "KUBE_APISERVER_EXTRA_ARGS": extraArgs.joined(separator: " "),
            ])
        var values: [String: String] = [:]
        for line in output.split(separator: "\n") {
            guard let equals = line.firstIndex(of: "=") else { continue }
            values[String(line[..<equals])] = String(line[line.index(after: equals)...])
        }
        guard values["KUBE_APISERVER_URL"] != nil, values["KUBECONFIG"] != nil else {
            throw EnvtestError(message: "kube-apiserver-up.sh printed no URL or kubeconfig")
        }
        return EnvtestServer(values: values, stateDirectory: stateDirectory)
    }

    /// Stops a private instance and deletes its data.
    public static func stop(_ server: EnvtestServer) async throws {
        _ = try await runScript("kube-apiserver-down.sh", environment: ["KUBE_APISERVER_STATE_DIR": server.stateDirectory])
    }

    /// Stops and starts the kube-apiserver process only (etcd and its data stay), as a rolling
    /// restart or a crash does; returns once it is ready again.
    public static func restartAPIServer(_ server: EnvtestServer) async throws {
        _ = try await runScript("kube-apiserver-restart.sh", environment: ["KUBE_APISERVER_STATE_DIR": server.stateDirectory])
    }

    /// Compacts etcd's history up to its current revision: every older resourceVersion expires.
    public static func compactEtcd(_ server: EnvtestServer) async throws {
        _ = try await runScript("etcd-compact.sh", environment: ["KUBE_APISERVER_STATE_DIR": server.stateDirectory])
    }

    /// Runs one of the project's `scripts/` and returns its standard output; its standard error
    /// goes to `<cache>/envtest/<script>.<pid>.log` and its tail into the error when it fails.
    /// Output goes through files, not pipes: servers the script leaves running must not keep
    /// this process waiting for an end of file.
    static func runScript(_ name: String, environment: [String: String]) async throws -> String {
        let directory = "\(cacheDirectory)/envtest"
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        let stem = "\(directory)/\(name).\(ProcessInfo.processInfo.processIdentifier).\(UUID().uuidString.prefix(8))"
        let outputPath = "\(stem).out"
        let logPath = "\(stem).log"
        _ = FileManager.default.createFile(atPath: outputPath, contents: nil)
        _ = FileManager.default.createFile(atPath: logPath, contents: nil)
        let output = try FileHandle(forWritingTo: URL(fileURLWithPath: outputPath))
        let log = try FileHandle(forWritingTo: URL(fileURLWithPath: logPath))
        defer {
            try? output.close()
            try? log.close()
            try? FileManager.default.removeItem(atPath: outputPath)
        }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/bash")
        process.arguments = ["\(repositoryRoot)/scripts/\(name)"]
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
            let tail = (try? String(contentsOfFile: logPath, encoding: .utf8))?.split(separator: "\n").suffix(15)
                .joined(separator: "\n") ?? ""
            throw EnvtestError(message: "scripts/\(name) failed (exit \(status)); log \(logPath):\n\(tail)")
        }
        try? FileManager.default.removeItem(atPath: logPath)
        return try String(contentsOfFile: outputPath, encoding: .utf8)
    }
}

/// A test server could not be started or controlled, or a test waited in vain.
public struct EnvtestError: Error, CustomStringConvertible {
    public var message: String
    public var description: String { message }

    public init(message: String) { self.message = message }
}
