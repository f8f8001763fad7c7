import Foundation
import KubeKit

/// A real kube-apiserver (with its etcd) on loopback, started by the project's
/// `scripts/kube-apiserver-up.sh`, as seen by tests: its URL, PKI files and admin credentials.
public struct EnvtestServer: Sendable {
    /// The `KEY=VALUE` lines the start script printed.
    public let values: [String: String]
    /// The instance directory (PID files, PKI, logs).
    public let stateDirectory: String

    init(values: [String: String], stateDirectory: String) {
        self.values = values
        self.stateDirectory = stateDirectory
    }

    private func value(_ key: String) -> String { values[key] ?? "" }

    /// `https://127.0.0.1:<port>`.
    public var url: String { value("KUBE_APISERVER_URL") }
    /// A kubeconfig with contexts `mothership-envtest` (admin client certificate) and
    /// `mothership-envtest-token` (admin bearer token).
    public var kubeconfigPath: String { value("KUBECONFIG") }
    public var caCertificatePath: String { value("KUBE_APISERVER_CA") }
    /// The CA's private key, for issuing client certificates to other users.
    public var caKeyPath: String { value("KUBE_APISERVER_CA_KEY") }
    public var adminCertificatePath: String { value("KUBE_APISERVER_CLIENT_CERT") }
    public var adminKeyPath: String { value("KUBE_APISERVER_CLIENT_KEY") }
    /// A file holding a bearer token of a `system:masters` user.
    public var adminTokenPath: String { value("KUBE_APISERVER_TOKEN_FILE") }
    /// etcd's client URL (`http://127.0.0.1:<port>`), for `etcdctl`.
    public var etcdURL: String { value("KUBE_APISERVER_ETCD_URL") }

    /// The admin configuration (client certificate, `system:masters`).
    public func adminConfiguration() throws -> ClientConfiguration {
        try ClientConfiguration.fromKubeconfig(path: kubeconfigPath)
    }

    /// A client with admin rights.
    public func adminClient() throws -> KubeClient {
        KubeClient(configuration: try adminConfiguration())
    }
}
