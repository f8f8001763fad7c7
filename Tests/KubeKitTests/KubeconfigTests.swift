import Foundation
import KubeKit
import KubeKitTesting
import Testing

/// Writes a kubeconfig for `server` into `directory` with the given user entry (YAML lines under
/// `user:`) and cluster extras (lines under `cluster:`), returning its path.
func writeKubeconfig(
    in directory: String, server: String, cluster: [String], user: [String], name: String = "config"
) throws -> String {
    let indent = { (lines: [String]) in lines.map { "    \($0)" }.joined(separator: "\n") }
    let text = """
        apiVersion: v1
        kind: Config
        clusters:
        - name: test
          cluster:
            server: \(server)
        \(indent(cluster))
        users:
        - name: tester
          user:
        \(indent(user))
        contexts:
        - name: test
          context: {cluster: test, user: tester, namespace: team-a}
        current-context: test
        """
    let path = "\(directory)/\(name)"
    try text.write(toFile: path, atomically: true, encoding: .utf8)
    return path
}

func adminToken(_ server: EnvtestServer) throws -> String {
    try String(contentsOfFile: server.adminTokenPath, encoding: .utf8).trimmingCharacters(in: .whitespacesAndNewlines)
}

func copyFile(_ source: String, to directory: String, as name: String) throws {
    try FileManager.default.copyItem(atPath: source, toPath: "\(directory)/\(name)")
}

func base64(ofFile path: String) throws -> String {
    try Data(contentsOf: URL(fileURLWithPath: path)).base64EncodedString()
}

@Suite("kubeconfig against the real API server")
struct KubeconfigTests {
    @Test("client certificate and CA from files relative to the kubeconfig")
    func clientCertificateFiles() async throws {
        let server = try await Envtest.shared()
        try await withTemporaryDirectory { directory in
            try copyFile(server.caCertificatePath, to: directory, as: "ca.crt")
            try copyFile(server.adminCertificatePath, to: directory, as: "admin.crt")
            try copyFile(server.adminKeyPath, to: directory, as: "admin.key")
            let path = try writeKubeconfig(
                in: directory, server: server.url, cluster: ["certificate-authority: ca.crt"],
                user: ["client-certificate: admin.crt", "client-key: admin.key"])
            let configuration = try ClientConfiguration.fromKubeconfig(path: path)
            #expect(configuration.namespace == "team-a")
            _ = try await KubeClient(configuration: configuration).list(Namespace.self)
        }
    }

    @Test("client certificate and CA as inline data")
    func clientCertificateData() async throws {
        let server = try await Envtest.shared()
        try await withTemporaryDirectory { directory in
            let path = try writeKubeconfig(
                in: directory, server: server.url,
                cluster: ["certificate-authority-data: \(try base64(ofFile: server.caCertificatePath))"],
                user: [
                    "client-certificate-data: \(try base64(ofFile: server.adminCertificatePath))",
                    "client-key-data: \(try base64(ofFile: server.adminKeyPath))",
                ])
            _ = try await KubeClient(configuration: try ClientConfiguration.fromKubeconfig(path: path)).list(Namespace.self)
        }
    }

    @Test("a bearer token from the kubeconfig, and from a token file")
    func bearerTokens() async throws {
        let server = try await Envtest.shared()
        let viaContext = try ClientConfiguration.fromKubeconfig(path: server.kubeconfigPath, context: "mothership-envtest-token")
        guard case .bearerToken = viaContext.credentials else {
            Issue.record("expected a bearer token, got \(viaContext.credentials)")
            return
        }
        #expect(viaContext.clientIdentity == nil)
        _ = try await KubeClient(configuration: viaContext).list(Namespace.self)

        try await withTemporaryDirectory { directory in
            try copyFile(server.adminTokenPath, to: directory, as: "token")
            let path = try writeKubeconfig(
                in: directory, server: server.url,
                cluster: ["certificate-authority-data: \(try base64(ofFile: server.caCertificatePath))"],
                user: ["tokenFile: token"])
            _ = try await KubeClient(configuration: try ClientConfiguration.fromKubeconfig(path: path)).list(Namespace.self)
        }
    }

    @Test("TLS verification is on: an unknown CA is refused; insecure-skip-tls-verify must be explicit")
    func tlsVerification() async throws {
        let server = try await Envtest.shared()
        let token = try adminToken(server)
        try await withTemporaryDirectory { directory in
            let stranger = try server.issueClientCertificate(user: "not-a-ca").certificatePEM
            let wrongCA = try writeKubeconfig(
                in: directory, server: server.url,
                cluster: ["certificate-authority-data: \(Data(stranger.utf8).base64EncodedString())"],
                user: ["token: \(token)"], name: "wrong-ca")
            let error = await kubeError { _ = try await KubeClient(configuration: try ClientConfiguration.fromKubeconfig(path: wrongCA)).list(Namespace.self) }
            #expect(error?.code == .unreachable)
            #expect(error?.message.contains("TLS") == true)
            #expect(error.map { !"\($0)".contains(token) } == true)

            let systemRoots = try writeKubeconfig(in: directory, server: server.url, cluster: [], user: ["token: \(token)"], name: "no-ca")
            let refused = await kubeError { _ = try await KubeClient(configuration: try ClientConfiguration.fromKubeconfig(path: systemRoots)).list(Namespace.self) }
            #expect(refused?.code == .unreachable)

            let insecure = try writeKubeconfig(
                in: directory, server: server.url, cluster: ["insecure-skip-tls-verify: true"], user: ["token: \(token)"], name: "insecure")
            let configuration = try ClientConfiguration.fromKubeconfig(path: insecure)
            #expect(configuration.insecureSkipTLSVerify)
            _ = try await KubeClient(configuration: configuration).list(Namespace.self)
        }
    }

    @Test("the in-cluster configuration uses the service account's token, CA and namespace")
    func inCluster() async throws {
        let server = try await Envtest.shared()
        try await withTemporaryDirectory { directory in
            try copyFile(server.adminTokenPath, to: directory, as: "token")
            try copyFile(server.caCertificatePath, to: directory, as: "ca.crt")
            try "kube-system\n".write(toFile: "\(directory)/namespace", atomically: true, encoding: .utf8)
            let port = try #require(URL(string: server.url)?.port)
            let configuration = try ClientConfiguration.inCluster(
                environment: ["KUBERNETES_SERVICE_HOST": "127.0.0.1", "KUBERNETES_SERVICE_PORT": "\(port)"],
                serviceAccountDirectory: directory)
            #expect(configuration.namespace == "kube-system")
            _ = try await KubeClient(configuration: configuration).list(ConfigMap.self, namespace: "kube-system")

            #expect(throws: KubeconfigError.self) {
                try ClientConfiguration.inCluster(environment: [:], serviceAccountDirectory: directory)
            }
        }
    }

    @Test("KUBECONFIG lists merge: the first file defining a name wins")
    func mergedKubeconfigs() async throws {
        let server = try await Envtest.shared()
        try await withTemporaryDirectory { directory in
            let first = "\(directory)/first"
            try """
                apiVersion: v1
                kind: Config
                current-context: mothership-envtest-token
                """.write(toFile: first, atomically: true, encoding: .utf8)
            let configuration = try ClientConfiguration.load(
                environment: ["KUBECONFIG": "\(first):\(directory)/missing:\(server.kubeconfigPath)", "HOME": directory])
            guard case .bearerToken = configuration.credentials else {
                Issue.record("expected the token context chosen by the first file, got \(configuration.credentials)")
                return
            }
            _ = try await KubeClient(configuration: configuration).list(Namespace.self)
        }
    }
}

@Suite("broken kubeconfigs give errors naming what is wrong")
struct BrokenKubeconfigTests {
    static let server = "https://127.0.0.1:6443"

    @Test(
        "each broken field is named",
        arguments: [
            (["certificate-authority-data: bm90IGEgY2VydA=="], ["token: t"], KubeconfigError.invalidCertificateAuthority(cluster: "test", detail: "not a PEM certificate")),
            (["certificate-authority: missing-ca.crt"], ["token: t"], nil),
            ([], ["client-certificate: missing.crt", "client-key: missing.key"], nil),
            ([], ["client-key-data: bm90IGEga2V5"], KubeconfigError.invalidClientCertificate(user: "tester", detail: "a client key is set but no client certificate")),
            ([], ["auth-provider: {name: gcp}"], KubeconfigError.unsupported(field: "auth-provider (use an exec plugin)", owner: "user \"tester\"")),
            (["insecure-skip-tls-verify: true", "certificate-authority-data: bm90"], ["token: t"], KubeconfigError.caWithInsecureSkipVerify(cluster: "test")),
        ] as [([String], [String], KubeconfigError?)])
    func brokenFields(cluster: [String], user: [String], expected: KubeconfigError?) async throws {
        try await withTemporaryDirectory { directory in
            let path = try writeKubeconfig(in: directory, server: Self.server, cluster: cluster, user: user)
            #expect {
                try ClientConfiguration.fromKubeconfig(path: path)
            } throws: { error in
                guard let error = error as? KubeconfigError else { return false }
                if let expected { return error == expected }
                return "\(error)".contains("missing") && "\(error)".contains("no such file")
            }
        }
    }

    @Test("an unreadable client key names the user, the field and the file")
    func unreadableKey() async throws {
        try await withTemporaryDirectory { directory in
            try "-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n".write(toFile: "\(directory)/c.crt", atomically: true, encoding: .utf8)
            try "garbage".write(toFile: "\(directory)/c.key", atomically: true, encoding: .utf8)
            let missing = try writeKubeconfig(
                in: directory, server: Self.server, cluster: [], user: ["client-certificate: c.crt", "client-key: nope.key"], name: "a")
            let error = #expect(throws: KubeconfigError.self) { try ClientConfiguration.fromKubeconfig(path: missing) }
            #expect(error.map { "\($0)" } == "kubeconfig: user \"tester\": client key: kubeconfig: cannot read \(directory)/nope.key: no such file")
        }
    }

    @Test("a missing context, cluster or user is named")
    func missingReferences() throws {
        let yaml = """
            apiVersion: v1
            kind: Config
            clusters: [{name: real, cluster: {server: "https://127.0.0.1:6443"}}]
            users: [{name: someone, user: {token: t}}]
            contexts:
            - {name: no-cluster, context: {cluster: ghost, user: someone}}
            - {name: no-user, context: {cluster: real, user: ghost}}
            """
        #expect(throws: KubeconfigError.noCurrentContext) { try ClientConfiguration.fromKubeconfig(yaml: yaml) }
        #expect(throws: KubeconfigError.contextNotFound("prod")) { try ClientConfiguration.fromKubeconfig(yaml: yaml, context: "prod") }
        #expect(throws: KubeconfigError.clusterNotFound(cluster: "ghost", context: "no-cluster")) {
            try ClientConfiguration.fromKubeconfig(yaml: yaml, context: "no-cluster")
        }
        #expect(throws: KubeconfigError.userNotFound(user: "ghost", context: "no-user")) {
            try ClientConfiguration.fromKubeconfig(yaml: yaml, context: "no-user")
        }
    }

    @Test("malformed YAML, a missing file and a bad server URL are named")
    func malformedFiles() async throws {
        #expect(throws: KubeconfigError.unreadableFile(path: "/nonexistent/kubeconfig", reason: "no such file")) {
            try ClientConfiguration.fromKubeconfig(path: "/nonexistent/kubeconfig")
        }
        let error = #expect(throws: KubeconfigError.self) { try ClientConfiguration.fromKubeconfig(yaml: "clusters: {not: [a list") }
        if case .malformed = error {} else { Issue.record("expected malformed, got \(String(describing: error))") }
        let noServer = "contexts: [{name: c, context: {cluster: k}}]\nclusters: [{name: k, cluster: {server: 'ftp://x'}}]\ncurrent-context: c"
        #expect(throws: KubeconfigError.invalidServer(cluster: "k", server: "ftp://x")) { try ClientConfiguration.fromKubeconfig(yaml: noServer) }
    }

    @Test("a malformed kubeconfig's error does not echo its token")
    func malformedDoesNotLeak() {
        let yaml = "users:\n- name: u\n  user:\n    token: s3cr3t-value\n    tokenFile: [oops\n"
        let error = #expect(throws: KubeconfigError.self) { try ClientConfiguration.fromKubeconfig(yaml: yaml) }
        #expect(!"\(String(describing: error))".contains("s3cr3t"))
    }
}
