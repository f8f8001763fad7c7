import Foundation
import NIOSSL

/// Runs an exec credential plugin and caches what it returns until it expires (or until the
/// server refuses it), so the plugin runs once per credential lifetime, not once per request.
actor ExecCredentialPlugin {
    /// A credential from the plugin.
    struct Credential: Sendable {
        var token: Sensitive<String>?
        var identity: Sensitive<ClientIdentity>?
        var expiry: Date?
    }

    let config: ExecCredentialConfig
    private var cached: Credential?
    private var running: Task<Credential, any Error>?

    init(config: ExecCredentialConfig) { self.config = config }

    /// The cached credential while it is valid (with 10 s to spare), else a fresh one.
    func credential(now: Date = Date()) async throws -> Credential {
        if let cached, cached.expiry.map({ $0.timeIntervalSince(now) > 10 }) ?? true {
            return cached
        }
        if let running { return try await running.value }
        let task = Task { [config] in try await Self.run(config) }
        running = task
        defer { running = nil }
        let credential = try await task.value
        cached = credential
        return credential
    }

    /// Forgets the cached credential (after the server answered 401 to it).
    func invalidate() { cached = nil }

    private struct Output: Decodable {
        var apiVersion: String?
        var kind: String?
        var status: Status?
        struct Status: Decodable {
            var token: String?
            var clientCertificateData: String?
            var clientKeyData: String?
            var expirationTimestamp: Date?
        }
    }

    private static func run(_ config: ExecCredentialConfig) async throws -> Credential {
        let output = try await execute(config)
        let command = config.command
        let decoded: Output
        do {
            decoded = try JSONCoding.decoder.decode(Output.self, from: output)
        } catch {
            throw ExecCredentialError.malformedOutput(command: command, detail: describeDecodingError(error))
        }
        guard decoded.kind == "ExecCredential" else {
            throw ExecCredentialError.malformedOutput(command: command, detail: "kind is not ExecCredential")
        }
        guard decoded.apiVersion == config.apiVersion else {
            throw ExecCredentialError.malformedOutput(
                command: command, detail: "apiVersion \(decoded.apiVersion ?? "<none>") differs from the configured \(config.apiVersion)")
        }
        guard let status = decoded.status else {
            throw ExecCredentialError.malformedOutput(command: command, detail: "no status")
        }
        var credential = Credential(expiry: status.expirationTimestamp)
        if let token = status.token, !token.isEmpty {
            credential.token = Sensitive(token)
        }
        switch (status.clientCertificateData, status.clientKeyData) {
        case (let certificate?, let key?):
            do {
                credential.identity = Sensitive(try ClientIdentity(certificatePEM: Array(certificate.utf8), keyPEM: Array(key.utf8)))
            } catch {
                throw ExecCredentialError.malformedOutput(command: command, detail: "client certificate or key is not valid PEM")
            }
        case (nil, nil):
            break
        default:
            throw ExecCredentialError.malformedOutput(command: command, detail: "client certificate and key must both be set")
        }
        guard credential.token != nil || credential.identity != nil else {
            throw ExecCredentialError.malformedOutput(command: command, detail: "neither a token nor a client certificate")
        }
        return credential
    }

    /// Runs the program with `KUBERNETES_EXEC_INFO` and returns its standard output. Its
    /// standard error is ours, as in kubectl, so its own messages reach the user.
    private static func execute(_ config: ExecCredentialConfig) async throws -> Data {
        let process = Process()
        if config.command.hasPrefix("/") {
            process.executableURL = URL(fileURLWithPath: config.command)
            process.arguments = config.args
        } else {
            process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
            process.arguments = [config.command] + config.args
        }
        var environment = ProcessInfo.processInfo.environment
        environment.merge(config.environment) { _, new in new }
        environment["KUBERNETES_EXEC_INFO"] = try execInfo(config)
        process.environment = environment
        let stdout = Pipe()
        process.standardOutput = stdout
        process.standardInput = FileHandle.nullDevice

        let exited: AsyncStream<Int32> = AsyncStream { continuation in
            process.terminationHandler = { finished in
                continuation.yield(finished.terminationStatus)
                continuation.finish()
            }
        }
        do {
            try process.run()
        } catch {
            throw ExecCredentialError.launchFailed(
                command: config.command, reason: (error as NSError).localizedDescription, installHint: config.installHint)
        }
        let output = await Task.detached { stdout.fileHandleForReading.readDataToEndOfFile() }.value
        var status: Int32 = -1
        for await code in exited { status = code }
        if status == 127 && !config.command.hasPrefix("/") {
            throw ExecCredentialError.launchFailed(
                command: config.command, reason: "not found in PATH", installHint: config.installHint)
        }
        guard status == 0 else { throw ExecCredentialError.failed(command: config.command, exitCode: status) }
        return output
    }

    private static func execInfo(_ config: ExecCredentialConfig) throws -> String {
        struct Info: Encodable {
            var apiVersion: String
            var kind = "ExecCredential"
            var spec: Spec
            struct Spec: Encodable {
                var interactive = false
                var cluster: ExecCredentialConfig.ClusterInfo?
            }
        }
        let info = Info(apiVersion: config.apiVersion, spec: .init(cluster: config.cluster))
        return String(decoding: try JSONCoding.encoder.encode(info), as: UTF8.self)
    }
}
