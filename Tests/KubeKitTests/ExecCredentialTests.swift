import Foundation
import KubeKit
import KubeKitTesting
import Testing

/// Writes an exec credential plugin: a shell script that counts its runs in `runs` and prints the
/// ExecCredential `status` JSON chosen by `statusForRun` (a shell `case` on the run number).
func writePlugin(in directory: String, cases: String) throws -> String {
    let path = "\(directory)/plugin.sh"
    try """
        #!/bin/sh
        echo run >> "\(directory)/runs"
        n=$(wc -l < "\(directory)/runs")
        [ -n "$KUBERNETES_EXEC_INFO" ] || { echo "no KUBERNETES_EXEC_INFO" >&2; exit 3; }
        case "$n" in
        \(cases)
        esac
        printf '{"apiVersion":"client.authentication.k8s.io/v1","kind":"ExecCredential","status":%s}\\n' "$status"
        """.write(toFile: path, atomically: true, encoding: .utf8)
    try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: path)
    return path
}

func runs(in directory: String) -> Int {
    ((try? String(contentsOfFile: "\(directory)/runs", encoding: .utf8)) ?? "").split(separator: "\n").count
}

func execKubeconfig(_ server: EnvtestServer, directory: String, extra: [String] = []) throws -> String {
    try writeKubeconfig(
        in: directory, server: server.url,
        cluster: ["certificate-authority-data: \(try base64(ofFile: server.caCertificatePath))"],
        user: [
            "exec:", "  apiVersion: client.authentication.k8s.io/v1", "  command: ./plugin.sh", "  interactiveMode: Never",
        ] + extra)
}

func execClient(_ server: EnvtestServer, directory: String) throws -> KubeClient {
    KubeClient(configuration: try ClientConfiguration.fromKubeconfig(path: try execKubeconfig(server, directory: directory)))
}

@Suite("exec credential plugins")
struct ExecCredentialTests {
    @Test("a plugin's token authenticates, and is cached until it expires")
    func tokenCachedUntilExpiry() async throws {
        let server = try await Envtest.shared()
        let token = try adminToken(server)
        try await withTemporaryDirectory { directory in
            _ = try writePlugin(in: directory, cases: """
                *) status='{"token":"\(token)","expirationTimestamp":"2099-01-01T00:00:00Z"}' ;;
                """)
            let client = try execClient(server, directory: directory)
            for _ in 0..<3 { _ = try await client.list(Namespace.self) }
            #expect(runs(in: directory) == 1)
        }
    }

    @Test("an expired credential is fetched again before use")
    func expiredCredentialRefetched() async throws {
        let server = try await Envtest.shared()
        let token = try adminToken(server)
        try await withTemporaryDirectory { directory in
            _ = try writePlugin(in: directory, cases: """
                *) status='{"token":"\(token)","expirationTimestamp":"2001-01-01T00:00:00Z"}' ;;
                """)
            let client = try execClient(server, directory: directory)
            for _ in 0..<2 { _ = try await client.list(Namespace.self) }
            #expect(runs(in: directory) == 2)
        }
    }

    @Test("a token the server refuses (401) is fetched again once and the request retried")
    func refusedTokenRefetched() async throws {
        let server = try await Envtest.shared()
        let token = try adminToken(server)
        try await withTemporaryDirectory { directory in
            _ = try writePlugin(in: directory, cases: """
                1) status='{"token":"revoked"}' ;;
                *) status='{"token":"\(token)"}' ;;
                """)
            let client = try execClient(server, directory: directory)
            _ = try await client.list(Namespace.self)
            #expect(runs(in: directory) == 2)
        }
    }

    @Test("a plugin may return a client certificate instead of a token")
    func clientCertificateFromPlugin() async throws {
        let server = try await Envtest.shared()
        let issued = try server.issueClientCertificate(user: "exec-admin", groups: ["system:masters"])
        func jsonString(_ text: String) -> String { text.replacingOccurrences(of: "\n", with: "\\n") }
        try await withTemporaryDirectory { directory in
            _ = try writePlugin(in: directory, cases: """
                *) status='{"clientCertificateData":"\(jsonString(issued.certificatePEM))","clientKeyData":"\(jsonString(issued.keyPEM))"}' ;;
                """)
            let client = try execClient(server, directory: directory)
            _ = try await client.list(Namespace.self)
        }
    }

    @Test("a failing or missing plugin is an unauthorized error naming the plugin, with no output in it")
    func failingPlugins() async throws {
        let server = try await Envtest.shared()
        try await withTemporaryDirectory { directory in
            _ = try writePlugin(in: directory, cases: """
                *) echo "secret-ish diagnostics" >&2; exit 7 ;;
                """)
            let failing = try execClient(server, directory: directory)
            let error = await kubeError { _ = try await failing.list(Namespace.self) }
            #expect(error?.code == .unauthorized)
            #expect(error?.message.contains("exit code 7") == true)
            #expect(error?.message.contains("diagnostics") == false)

            _ = try writePlugin(in: directory, cases: """
                *) status='"not an object"' ;;
                """)
            try? FileManager.default.removeItem(atPath: "\(directory)/runs")
            let garbled = try execClient(server, directory: directory)
            let garbledError = await kubeError { _ = try await garbled.list(Namespace.self) }
            #expect(garbledError?.message.contains("no usable ExecCredential") == true)
        }
        try await withTemporaryDirectory { directory in
            let path = try writeKubeconfig(
                in: directory, server: server.url, cluster: [],
                user: ["exec:", "  apiVersion: client.authentication.k8s.io/v1", "  command: mothership-no-such-plugin", "  installHint: install it"])
            let error = await kubeError { _ = try await KubeClient(configuration: try ClientConfiguration.fromKubeconfig(path: path)).list(Namespace.self) }
            #expect(error?.code == .unauthorized)
            #expect(error?.message.contains("mothership-no-such-plugin") == true)
            #expect(error?.message.contains("install it") == true)
        }
    }

    @Test("an unsupported exec apiVersion is refused when loading")
    func unsupportedAPIVersion() async throws {
        try await withTemporaryDirectory { directory in
            let path = try writeKubeconfig(
                in: directory, server: "https://127.0.0.1:1", cluster: [],
                user: ["exec:", "  apiVersion: client.authentication.k8s.io/v1alpha1", "  command: x"])
            #expect(throws: KubeconfigError.unsupported(field: "exec apiVersion \"client.authentication.k8s.io/v1alpha1\"", owner: "user \"tester\"")) {
                try ClientConfiguration.fromKubeconfig(path: path)
            }
        }
    }
}
