import Foundation
import KubeKit
import Logging

/// Opens clients to hosted clusters through their `<cluster>-kubeconfig` Secret (key `value`)
/// on the management cluster, as CAPI's contract provides it.
public struct HostedClusterAccess: Sendable {
    public let management: KubeClient
    private let logger: Logger

    public init(management: KubeClient, logger: Logger = Logger(label: "mothership.hosted-cluster")) {
        self.management = management
        self.logger = logger
    }

    /// A client of the cluster `name` in `namespace`.
    public func client(forCluster name: String, namespace: String) async throws -> KubeClient {
        let secretName = "\(name)-kubeconfig"
        let secret: Secret
        do {
            secret = try await management.get(Secret.self, name: secretName, namespace: namespace)
        } catch let error as KubeError where error.code == .notFound {
            throw HostedClusterError.kubeconfigMissing(secret: "\(namespace)/\(secretName)")
        }
        guard let data = secret.data?["value"], let text = String(data: data, encoding: .utf8) else {
            throw HostedClusterError.kubeconfigInvalid(secret: "\(namespace)/\(secretName)", reason: "it has no key 'value'")
        }
        do {
            return KubeClient(configuration: try ClientConfiguration.fromKubeconfig(yaml: text), logger: logger)
        } catch KubeconfigError.malformed {
            // The parser's detail may quote the text, and the text holds credentials.
            throw HostedClusterError.kubeconfigInvalid(secret: "\(namespace)/\(secretName)", reason: "its value is not kubeconfig YAML")
        } catch {
            throw HostedClusterError.kubeconfigInvalid(secret: "\(namespace)/\(secretName)", reason: "\(error)")
        }
    }
}

/// Why a hosted cluster cannot be reached. Never carries the kubeconfig's content.
public enum HostedClusterError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The `<cluster>-kubeconfig` Secret does not exist (yet).
    case kubeconfigMissing(secret: String)
    /// It exists but holds no usable kubeconfig.
    case kubeconfigInvalid(secret: String, reason: String)

    public var description: String {
        switch self {
        case .kubeconfigMissing(let secret): return "the kubeconfig Secret \(secret) does not exist"
        case .kubeconfigInvalid(let secret, let reason): return "the kubeconfig Secret \(secret) is unusable: \(reason)"
        }
    }
}
