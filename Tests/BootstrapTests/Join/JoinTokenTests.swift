import Bootstrap
import ClusterAPI
import Foundation
import KubeKit
import KubeKitTesting
import Testing

private let certificateSigningRequests = ResourceDescriptor(
    group: "certificates.k8s.io", version: "v1", kind: "CertificateSigningRequest", plural: "certificatesigningrequests", namespaced: false)

/// A client of `server` that authenticates with `token` only, as a joining node does.
private func nodeClient(_ server: EnvtestServer, token: BootstrapToken) throws -> KubeClient {
    var configuration = try server.adminConfiguration()
    configuration.clientIdentity = nil
    configuration.credentials = .bearerToken(token.token)
    return KubeClient(configuration: configuration)
}

@Suite("join tokens in a real hosted cluster", .serialized)
struct JoinTokenTests {
    /// A second API server playing the hosted cluster, with bootstrap-token authentication on.
    static func hostedServer() async throws -> EnvtestServer {
        try await Envtest.start(instance: "hosted-join", extraArgs: ["--enable-bootstrap-token-auth"])
    }

    @Test("a join token reaches the hosted cluster through <cluster>-kubeconfig; a node can use it to request its certificate; deleted, it stops working")
    func lifecycle() async throws {
        let management = try await Envtest.shared()
        let hosted = try await Self.hostedServer()
        try await management.withNamespace { namespace, client in
            let kubeconfig = try String(contentsOfFile: hosted.kubeconfigPath, encoding: .utf8)
            _ = try await client.create(Secret(
                metadata: ObjectMeta(name: "edge-kubeconfig", namespace: namespace), type: "cluster.x-k8s.io/secret",
                stringData: ["value": kubeconfig]))
            let tokens = JoinTokens(hosted: try await HostedClusterAccess(management: client).client(forCluster: "edge", namespace: namespace))
            let owner = "\(namespace).worker-0"
            let start = Date()
            let token = try await tokens.create(for: owner, ttl: .seconds(900), now: start)

            let found = try #require(try await tokens.find(for: owner))
            #expect(found.token == token)
            #expect(found.expiration.map { abs($0.timeIntervalSince(start.addingTimeInterval(900))) < 1 } == true)

            let node = try nodeClient(hosted, token: token)
            try await eventually("the token to authenticate") {
                (try? await node.list(UnstructuredObject.self, resource: certificateSigningRequests)) != nil
            }

            try await tokens.extend(token, ttl: .seconds(3600), now: start)
            let extended = try #require(try await tokens.find(for: owner))
            #expect(extended.expiration.map { abs($0.timeIntervalSince(start.addingTimeInterval(3600))) < 1 } == true)

            try await tokens.delete(token)
            try await tokens.delete(token)
            #expect(try await tokens.find(for: owner) == nil)
            try await eventually("the deleted token to be refused") {
                do {
                    _ = try await node.list(UnstructuredObject.self, resource: certificateSigningRequests)
                    return false
                } catch let error as KubeError {
                    return error.code == .unauthorized
                }
            }
        }
    }

    @Test("a token's description and errors never show its secret half")
    func redacted() {
        let token = BootstrapToken.generate()
        let secretHalf = String(token.token.value.split(separator: ".")[1])
        #expect(!"\(token)".contains(secretHalf) && !"\(token.token)".contains(secretHalf))
        #expect(!String(reflecting: token).contains(secretHalf))
        #expect(token.token.value.wholeMatch(of: /[a-z0-9]{6}\.[a-z0-9]{16}/) != nil)
    }

    @Test("a missing or garbled kubeconfig Secret is an error naming the Secret, never its content")
    func unusableKubeconfig() async throws {
        try await Envtest.shared().withNamespace { namespace, client in
            let access = HostedClusterAccess(management: client)
            await #expect(throws: HostedClusterError.kubeconfigMissing(secret: "\(namespace)/ghost-kubeconfig")) {
                try await access.client(forCluster: "ghost", namespace: namespace)
            }
            _ = try await client.create(Secret(
                metadata: ObjectMeta(name: "broken-kubeconfig", namespace: namespace), stringData: ["value": "token: hunter2-secret\n  - : ["]))
            let error = await #expect(throws: HostedClusterError.self) { try await access.client(forCluster: "broken", namespace: namespace) }
            #expect(error.map { "\($0)".contains("\(namespace)/broken-kubeconfig") } == true)
            #expect(error.map { "\($0)".contains("hunter2") } == false)
        }
    }
}
