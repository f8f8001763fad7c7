import Foundation
import KubeKitTesting
import SSHMachines
import Testing

@Suite("SSH client against a real OpenSSH server")
struct SSHConnectionTests {
    private func connect(_ server: SSHServer, hostKeys: SSHHostKeyPolicy? = nil, key: String? = nil) async throws -> SSHConnection {
        try await SSHConnection.connect(
            host: server.host, port: server.port, user: server.user,
            privateKey: try SSHPrivateKey(openSSHPrivateKey: key ?? server.privateKey),
            hostKeys: hostKeys ?? .pinned([try SSHHostKey(server.hostPublicKey)]))
    }

    @Test("a command's exit status, stdout and stderr come back, with ed25519 and ECDSA keys", arguments: ["ed25519", "ecdsa"])
    func execute(keyType: String) async throws {
        try await SSHServer.with(keyType: keyType) { server in
            let connection = try await connect(server)
            defer { Task { await connection.close() } }
            let ok = try await connection.execute("echo out; echo err >&2")
            #expect(ok.exitStatus == 0 && ok.succeeded)
            #expect(ok.output == "out\n" && ok.errorOutput == "err\n")
            let failed = try await connection.execute("exit 7")
            #expect(failed.exitStatus == 7 && !failed.succeeded)
        }
    }

    @Test("stdin reaches the command, several commands run at once on one connection, and a pinned fingerprint is enough")
    func inputAndConcurrency() async throws {
        try await SSHServer.with { server in
            let connection = try await connect(server, hostKeys: .pinned([try SSHHostKey(server.hostKeyFingerprint)]))
            defer { Task { await connection.close() } }
            let payload = Array((0..<200_000).map { UInt8(truncatingIfNeeded: $0 &* 31) })
            let counted = try await connection.execute("wc -c", input: payload)
            #expect(counted.output.trimmingCharacters(in: .whitespacesAndNewlines) == "200000")
            let outputs = try await withThrowingTaskGroup(of: String.self) { group in
                for index in 0..<8 { group.addTask { try await connection.execute("sleep 0.2; echo \(index)").output } }
                return try await group.reduce(into: Set<String>()) { $0.insert($1) }
            }
            #expect(outputs == Set((0..<8).map { "\($0)\n" }))
        }
    }

    @Test("a host key other than the pinned one is refused before authenticating")
    func wrongHostKey() async throws {
        try await SSHServer.with { server in
            try await SSHServer.with { other in
                let log = { (try? String(contentsOfFile: server.values["SSHD_LOG"] ?? "", encoding: .utf8)) ?? "" }
                let logins = log().components(separatedBy: "Accepted publickey").count
                let error = await #expect(throws: SSHError.self) {
                    try await connect(server, hostKeys: .pinned([try SSHHostKey(other.hostPublicKey)]))
                }
                guard case .hostKeyMismatch(_, let expected, let presented) = error else {
                    Issue.record("expected hostKeyMismatch, got \(String(describing: error))")
                    return
                }
                #expect(expected == [other.hostKeyFingerprint] && presented == server.hostKeyFingerprint)
                #expect(log().components(separatedBy: "Accepted publickey").count == logins)
            }
        }
    }

    @Test("a user key the server does not know is refused")
    func wrongUserKey() async throws {
        try await SSHServer.with { server in
            try await SSHServer.with { other in
                let error = await #expect(throws: SSHError.self) { try await connect(server, key: other.privateKey) }
                #expect(error == .authenticationFailed(endpoint: "\(server.user)@\(server.host):\(server.port)", user: server.user))
            }
        }
    }

    @Test("a port nobody listens on is a refused connection")
    func refused() async throws {
        let server = try await SSHServer.start()
        let key = server.privateKey, hostKey = server.hostPublicKey
        await server.stop()
        let error = await #expect(throws: SSHError.self) {
            try await connect(server, hostKeys: .pinned([try SSHHostKey(hostKey)]), key: key)
        }
        #expect(error == .connectionRefused(endpoint: "\(server.user)@\(server.host):\(server.port)"))
    }

    @Test("a command past its timeout, and a killed session, are errors naming the endpoint")
    func timeoutAndLostConnection() async throws {
        try await SSHServer.with { server in
            let connection = try await connect(server)
            let timedOut = await #expect(throws: SSHError.self) { try await connection.execute("sleep 5", timeout: .milliseconds(300)) }
            #expect(timedOut == .commandTimeout(endpoint: connection.endpoint, seconds: 0))
            let started = NSTemporaryDirectory() + "ssh-started-\(UUID().uuidString)"
            defer { try? FileManager.default.removeItem(atPath: started) }
            // Long enough to outlast a slow, loaded test run: the kill below ends it far sooner.
            let running = Task { try await connection.execute("touch \(started); sleep 120") }
            try await eventually("the command to start") { FileManager.default.fileExists(atPath: started) }
            server.killSessions()
            let lost = await #expect(throws: SSHError.self) { try await running.value }
            guard case .connectionLost = lost else {
                Issue.record("expected connectionLost, got \(String(describing: lost))")
                return
            }
            #expect(!connection.isActive)
        }
    }

    @Test("sudo -n runs a script as root without prompting")
    func sudo() async throws {
        try await SSHServer.with { server in
            let connection = try await connect(server)
            defer { Task { await connection.close() } }
            let result = try await connection.execute(SSHCommand.shell("id -u; echo 'it'\\''s'", sudo: true))
            #expect(result.output == "0\nit's\n", "\(result.errorOutput)")
        }
    }

    @Test(
        "unusable private keys are refused with the reason",
        arguments: [
            ("-----BEGIN RSA PRIVATE KEY-----\nMIIB\n-----END RSA PRIVATE KEY-----", "not an OpenSSH private key"),
            ("-----BEGIN OPENSSH PRIVATE KEY-----\n!!!\n-----END OPENSSH PRIVATE KEY-----", "not base64"),
            ("-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXktdjEAAAAACmFlczI1Ni1jdHI=\n-----END OPENSSH PRIVATE KEY-----", "encrypted"),
        ])
    func invalidKeys(text: String, reason: String) {
        #expect {
            _ = try SSHPrivateKey(openSSHPrivateKey: text)
        } throws: { error in
            guard case .invalidPrivateKey(let message) = error as? SSHError else { return false }
            return message.contains(reason)
        }
    }
}
