import Foundation
import KubeKit
import KubeKitTesting
import NIOCore
import NIOPosix
import Testing

@Suite("every failure is a typed KubeError")
struct ErrorTests {
    @Test("not found names the request")
    func notFound() async throws {
        try await Envtest.shared().withNamespace { namespace, client in
            let error = await kubeError { _ = try await client.get(ConfigMap.self, name: "missing", namespace: namespace) }
            #expect(error?.code == .notFound)
            #expect(error?.httpStatus == 404)
            #expect(error?.request == "GET /api/v1/namespaces/\(namespace)/configmaps/missing")
            #expect(error?.message.contains("\"missing\" not found") == true)
        }
    }

    @Test("creating a taken name is already exists")
    func alreadyExists() async throws {
        try await Envtest.shared().withNamespace { namespace, client in
            _ = try await client.create(configMap("cm", in: namespace))
            let error = await kubeError { _ = try await client.create(configMap("cm", in: namespace)) }
            #expect(error?.code == .alreadyExists)
            #expect(error?.reason == "AlreadyExists")
        }
    }

    @Test("an object failing the CRD schema is invalid, with a cause per field")
    func invalid() async throws {
        try await capiServer().withNamespace { namespace, client in
            var broken = try machine("m1", in: namespace)
            broken["spec"]?["clusterName"] = nil
            broken["spec"]?["infrastructureRef"] = ["kind": "SSHMachine"]
            let error = await kubeError { _ = try await client.create(broken, resource: machines) }
            #expect(error?.code == .invalid)
            #expect(error?.httpStatus == 422)
            let fields = Set(error?.causes.compactMap(\.field) ?? [])
            #expect(fields.contains("spec.clusterName"))
            #expect(fields.contains("spec.infrastructureRef.name"))
        }
    }

    @Test("a user without RBAC rights is forbidden")
    func forbidden() async throws {
        let server = try await Envtest.shared()
        try await server.withNamespace { namespace, _ in
            let nobody = try server.client(user: "nobody")
            let error = await kubeError { _ = try await nobody.list(ConfigMap.self, namespace: namespace) }
            #expect(error?.code == .forbidden)
            #expect(error?.message.contains("nobody") == true)
        }
    }

    @Test("a wrong bearer token is unauthorized, and the token appears nowhere in the error")
    func unauthorized() async throws {
        let server = try await Envtest.shared()
        var configuration = try server.adminConfiguration()
        configuration.clientIdentity = nil
        let token = "wrong-token-\(UUID().uuidString)"
        configuration.credentials = .bearerToken(Sensitive(token))
        let error = await kubeError { _ = try await KubeClient(configuration: configuration).list(Namespace.self) }
        #expect(error?.code == .unauthorized)
        #expect(error?.httpStatus == 401)
        #expect(!"\(String(describing: error)) \(String(reflecting: error))".contains(token))
        #expect(!"\(configuration)".contains(token))
    }

    @Test("a server that accepts but never answers is a timeout")
    func timeout() async throws {
        let group = MultiThreadedEventLoopGroup.singleton
        let silent = try await ServerBootstrap(group: group)
            .childChannelInitializer { _ in group.any().makeSucceededVoidFuture() }
            .bind(host: "127.0.0.1", port: 0).get()
        defer { silent.close(promise: nil) }
        let port = try #require(silent.localAddress?.port)
        let client = KubeClient(
            configuration: ClientConfiguration(server: "http://127.0.0.1:\(port)", timeout: .milliseconds(300)))
        let error = await kubeError { _ = try await client.list(Namespace.self) }
        #expect(error?.code == .timeout)
    }

    @Test("a port nobody listens on is unreachable, naming the server")
    func unreachable() async throws {
        let group = MultiThreadedEventLoopGroup.singleton
        let closed = try await ServerBootstrap(group: group).bind(host: "127.0.0.1", port: 0).get()
        let port = try #require(closed.localAddress?.port)
        try await closed.close()
        let client = KubeClient(configuration: ClientConfiguration(server: "https://127.0.0.1:\(port)"))
        let error = await kubeError { _ = try await client.list(Namespace.self) }
        #expect(error?.code == .unreachable)
        #expect(error?.message.contains("127.0.0.1:\(port)") == true)
    }

    @Test("a reply that does not decode as the expected type is a malformed response naming the field")
    func malformedResponse() async throws {
        let client = try await Envtest.shared().adminClient()
        let badList = await kubeError {
            _ = try await client.list(Int.self, resource: Namespace.resource)
        }
        #expect(badList?.code == .malformedResponse)
        #expect(badList?.message.contains("items") == true)
    }
}

/// A private server allowing one request in flight, so concurrent requests are throttled with
/// 429 and `Retry-After`, as an overloaded API server does.
@Suite("throttling", .serialized)
struct ThrottlingTests {
    @Test("throttled requests are too many requests, carrying the server's Retry-After")
    func tooManyRequests() async throws {
        let server = try await Envtest.start(
            instance: "throttled",
            extraArgs: ["--enable-priority-and-fairness=false", "--max-requests-inflight=1", "--max-mutating-requests-inflight=1"])
        // system:masters is exempt from the in-flight limit; an ordinary user bound to
        // cluster-admin is not.
        let admin = try server.adminClient()
        let binding = try YAMLDocuments.objects("""
            apiVersion: rbac.authorization.k8s.io/v1
            kind: ClusterRoleBinding
            metadata: {name: throttled-user-admin}
            roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: cluster-admin}
            subjects: [{apiGroup: rbac.authorization.k8s.io, kind: User, name: throttled-user}]
            """)[0]
        _ = try await admin.apply(
            binding, resource: ResourceDescriptor(
                group: "rbac.authorization.k8s.io", version: "v1", kind: "ClusterRoleBinding", plural: "clusterrolebindings", namespaced: false),
            options: ApplyOptions(fieldManager: "test", force: true))
        let client = try server.client(user: "throttled-user")
        var throttled: KubeError?
        for _ in 0..<10 where throttled == nil {
            throttled = await withTaskGroup(of: KubeError?.self) { group in
                for _ in 0..<40 {
                    group.addTask {
                        do {
                            _ = try await client.list(UnstructuredObject.self, resource: ResourceDescriptor(
                                group: "rbac.authorization.k8s.io", version: "v1", kind: "ClusterRole", plural: "clusterroles", namespaced: false))
                            return nil
                        } catch let error as KubeError {
                            return error
                        } catch {
                            return nil
                        }
                    }
                }
                var first: KubeError?
                for await error in group where first == nil { first = error }
                return first
            }
        }
        let error = try #require(throttled)
        #expect(error.code == .tooManyRequests)
        #expect(error.httpStatus == 429)
        #expect(error.retryAfter == .seconds(1))
        #expect(error.message.contains("Too many requests"))
    }
}
