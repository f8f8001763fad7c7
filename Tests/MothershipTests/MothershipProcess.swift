import Foundation
import KubeKitTesting

/// The built `mothership` executable, beside the test bundle.
let executable = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("mothership")

/// Starts `mothership` with `arguments`, its output going to a file (not a pipe nobody drains).
func launch(_ arguments: [String], environment: [String: String]? = nil) throws -> (process: Process, output: URL) {
    let output = FileManager.default.temporaryDirectory.appendingPathComponent("mothership-\(UUID().uuidString).log")
    _ = FileManager.default.createFile(atPath: output.path, contents: nil)
    let handle = try FileHandle(forWritingTo: output)
    let process = Process()
    process.executableURL = executable
    process.arguments = arguments
    if let environment { process.environment = environment }
    process.standardOutput = handle
    process.standardError = handle
    try process.run()
    try handle.close()
    return (process, output)
}

/// Runs `mothership` with `arguments` to its end (at most 30 s); its exit status and output.
func runMothership(_ arguments: [String], environment: [String: String]) throws -> (status: Int32, output: String) {
    let (process, output) = try launch(arguments, environment: environment)
    let deadline = Date().addingTimeInterval(30)
    while process.isRunning, Date() < deadline { usleep(20_000) }
    if process.isRunning { kill(process.processIdentifier, SIGKILL) }
    process.waitUntilExit()
    return (process.terminationStatus, try String(contentsOf: output, encoding: .utf8))
}

/// Waits for `process` to exit, killing it after `timeout`; its exit status.
func exitStatus(of process: Process, timeout: Duration = .seconds(120)) async throws -> Int32 {
    do {
        try await eventually(timeout: timeout, "mothership to exit") { !process.isRunning }
    } catch {
        kill(process.processIdentifier, SIGKILL)
        throw error
    }
    return process.terminationStatus
}

/// A TCP port nothing listens on now.
func freePort() throws -> Int {
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
