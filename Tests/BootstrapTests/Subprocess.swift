import Foundation

/// What a finished command left: its exit status, its standard output as bytes, and both streams
/// as text for failure messages.
struct CommandResult {
    var status: Int32
    var standardOutput: Data
    var standardError: String

    var outputText: String { String(decoding: standardOutput, as: UTF8.self) + standardError }
}

/// Runs `executable` with `arguments` to its end, its output going to files (not pipes nobody drains).
func runCommand(_ executable: String, _ arguments: [String]) throws -> CommandResult {
    try withScratchDirectory { directory in
        let outputPath = try directory.write("stdout", [])
        let errorPath = try directory.write("stderr", [])
        let output = try FileHandle(forWritingAtPath: outputPath).orThrow("cannot open \(outputPath)")
        let error = try FileHandle(forWritingAtPath: errorPath).orThrow("cannot open \(errorPath)")
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        process.standardOutput = output
        process.standardError = error
        try process.run()
        process.waitUntilExit()
        try output.close()
        try error.close()
        return CommandResult(
            status: process.terminationStatus,
            standardOutput: try Data(contentsOf: URL(fileURLWithPath: outputPath)),
            standardError: try String(contentsOfFile: errorPath, encoding: .utf8)
        )
    }
}

/// Runs a `sh -c` pipeline.
func runShell(_ script: String) throws -> CommandResult {
    try runCommand("/bin/sh", ["-c", script])
}

/// The bytes of `bytes` unpacked by the system's `gzip -dc`, independent of the renderer's zlib.
func gunzip(_ bytes: [UInt8]) throws -> [UInt8] {
    let result = try withScratchDirectory { try runCommand("/bin/gzip", ["-dc", try $0.write("data.gz", bytes)]) }
    guard result.status == 0 else { throw TestFailure("gzip -dc failed: \(result.standardError)") }
    return Array(result.standardOutput)
}

/// Runs `body` with a fresh temporary directory, removed afterwards.
func withScratchDirectory<T>(_ body: (URL) throws -> T) throws -> T {
    let directory = FileManager.default.temporaryDirectory.appendingPathComponent("bootstrap-tests-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: directory) }
    return try body(directory)
}

extension URL {
    /// Writes `bytes` to `name` in this directory; its path.
    func write(_ name: String, _ bytes: some Sequence<UInt8>) throws -> String {
        let file = appendingPathComponent(name)
        try Data(bytes).write(to: file)
        return file.path
    }
}

extension Optional {
    /// The value, or a `TestFailure` saying `message`.
    func orThrow(_ message: String) throws -> Wrapped {
        guard let self else { throw TestFailure(message) }
        return self
    }
}

/// A test's own failure, with a message saying what went wrong.
struct TestFailure: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}
