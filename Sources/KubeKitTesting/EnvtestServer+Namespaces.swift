import Foundation
import KubeKit

extension EnvtestServer {
    /// Runs `body` with a fresh namespace of its own (`t-<random>`), deleted afterwards, so tests
    /// can run in parallel without seeing each other's objects. The test server has no
    /// controller-manager: the namespace stays `Terminating` and its objects remain in etcd.
    public func withNamespace<T>(
        _ body: (_ namespace: String, _ client: KubeClient) async throws -> T
    ) async throws -> T {
        let client = try adminClient()
        let name = "t-" + UUID().uuidString.prefix(12).lowercased()
        _ = try await client.create(Namespace(metadata: ObjectMeta(name: name, labels: ["mothership.dev/test": "true"])))
        do {
            let result = try await body(name, client)
            try? await client.delete(Namespace.self, name: name)
            return result
        } catch {
            try? await client.delete(Namespace.self, name: name)
            throw error
        }
    }
}
