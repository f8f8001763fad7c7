import Foundation
import KubeKit
import KubeKitTesting
import Testing

/// The built `mothership` executable, beside the test bundle.
private let executable = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("mothership")

/// Starts `mothership` with `arguments`, its output going to a file (not a pipe nobody drains).
private func launch(_ arguments: [String]) throws -> (process: Process, output: URL) {
    let output = FileManager.default.temporaryDirectory.appendingPathComponent("mothership-\(UUID().uuidString).log")
    _ = FileManager.default.createFile(atPath: output.path, contents: nil)
    let handle = try FileHandle(forWritingTo: output)
    let process = Process()
    process.executableURL = executable
    process.arguments = arguments
    process.standardOutput = handle
    process.standardError = handle
    try process.run()
    try handle.close()
    return (process, output)
}

/// Waits for `process` to exit, killing it after `timeout`; its exit status.
private func exitStatus(of process: Process, timeout: Duration = .seconds(20)) async throws -> Int32 {
    do {
        try await eventually(timeout: timeout, "mothership to exit") { !process.isRunning }
    } catch {
        kill(process.processIdentifier, SIGKILL)
        throw error
    }
    return process.terminationStatus
}

/// A TCP port nothing listens on now.
private func freePort() throws -> Int {
    let socket = Foundation.socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
    defer { close(socket) }
    var address = sockaddr_in()
    address.sin_family = sa_family_t(AF_INET)
    address.sin_addr.s_addr = inet_addr("127.0.0.1")
    var length = socklen_t(MemoryLayout<sockaddr_in>.size)
    let bound = withUnsafeMutablePointer(to: &address) { pointer in
        pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(socket, $0, length) == 0 && getsockname(socket, $0, &length) == 0 }
    }
    guard bound else { throw EnvtestError(message: "cannot find a free port") }
    return Int(UInt16(bigEndian: address.sin_port))
}

@Suite("the mothership manager process")
struct ManagerProcessTests {
    @Test("it serves its probes, takes the lease, and on SIGTERM hands the lease back and exits 0")
    func gracefulShutdown() async throws {
        let server = try await Envtest.shared()
        try await server.withNamespace { namespace, client in
            let port = try freePort()
            let (process, output) = try launch([
                "manager", "--kubeconfig", server.kubeconfigPath, "--leader-elect", "--leader-election-namespace", namespace,
                "--health-probe-bind-address", "127.0.0.1:\(port)",
            ])
            defer { if process.isRunning { kill(process.processIdentifier, SIGKILL) } }

            try await eventually("/readyz to answer ok") { (try? await httpGet("http://127.0.0.1:\(port)/readyz"))?.status == 200 }
            #expect(try await httpGet("http://127.0.0.1:\(port)/healthz").status == 200)
            try await eventually("the manager to hold the lease") {
                let lease = try? await client.get(Lease.self, name: "mothership-leader", namespace: namespace)
                return lease?.spec?.holderIdentity?.hasPrefix(ProcessInfo.processInfo.hostName + "_") == true
            }
            // Leading with no controllers registered is still running, not finished.
            try await Task.sleep(for: .seconds(1))
            #expect(process.isRunning, "mothership stopped on its own: \((try? String(contentsOf: output, encoding: .utf8)) ?? "")")
            let metrics = try await httpGet("http://127.0.0.1:\(port)/metrics").body
            #expect(metrics.contains("leader_election_master_status{name=\"mothership-leader\"} 1"))

            kill(process.processIdentifier, SIGTERM)
            let status = try await exitStatus(of: process)
            let log = (try? String(contentsOf: output, encoding: .utf8)) ?? ""
            #expect(status == 0, "mothership exited \(status): \(log)")
            let lease = try await client.get(Lease.self, name: "mothership-leader", namespace: namespace)
            #expect(lease.spec?.holderIdentity == "")
            #expect(log.contains("released the lease"))
        }
    }

    @Test("a kubeconfig that cannot be read stops it at once with a message naming the file")
    func badKubeconfig() async throws {
        let (process, output) = try launch(["manager", "--kubeconfig", "/nonexistent/kubeconfig", "--health-probe-bind-address", "0"])
        let status = try await exitStatus(of: process)
        let log = try String(contentsOf: output, encoding: .utf8)
        #expect(status != 0)
        #expect(log.contains("/nonexistent/kubeconfig"))
    }
}
