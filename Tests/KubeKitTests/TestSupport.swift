import Foundation
import KubeKit
import KubeKitTesting
import Testing

/// A fresh temporary directory for one test, removed afterwards.
func withTemporaryDirectory<T>(_ body: (String) async throws -> T) async throws -> T {
    let path = NSTemporaryDirectory() + "kubekit-test-" + UUID().uuidString
    try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(atPath: path) }
    return try await body(path)
}

/// The error `body` throws as a `KubeError`; records an issue when it throws nothing or something else.
func kubeError(_ body: () async throws -> Void, sourceLocation: SourceLocation = #_sourceLocation) async -> KubeError? {
    do {
        try await body()
        Issue.record("expected a KubeError, but the call succeeded", sourceLocation: sourceLocation)
    } catch let error as KubeError {
        return error
    } catch {
        Issue.record("expected a KubeError, got \(error)", sourceLocation: sourceLocation)
    }
    return nil
}

/// A ConfigMap named `name` in `namespace` with `labels` and `data`.
func configMap(_ name: String, in namespace: String, labels: [String: String]? = nil, data: [String: String]? = nil) -> ConfigMap {
    ConfigMap(metadata: ObjectMeta(name: name, namespace: namespace, labels: labels), data: data)
}

/// The CAPI v1beta2 Machine kind, used untyped: KubeKit's tests must not depend on ClusterAPI.
let machines = ResourceDescriptor(group: "cluster.x-k8s.io", version: "v1beta2", kind: "Machine", plural: "machines", namespaced: true)
let machineDeployments = ResourceDescriptor(
    group: "cluster.x-k8s.io", version: "v1beta2", kind: "MachineDeployment", plural: "machinedeployments", namespaced: true)

/// A valid v1beta2 Machine as a user's manifest would give it.
func machine(_ name: String, in namespace: String, cluster: String = "c1") throws -> UnstructuredObject {
    try YAMLDocuments.objects("""
        apiVersion: cluster.x-k8s.io/v1beta2
        kind: Machine
        metadata:
          name: \(name)
          namespace: \(namespace)
          labels:
            cluster.x-k8s.io/cluster-name: \(cluster)
        spec:
          clusterName: \(cluster)
          version: v1.31.2
          bootstrap:
            dataSecretName: \(name)-bootstrap
          infrastructureRef:
            apiGroup: infrastructure.mothership.dev
            kind: SSHMachine
            name: \(name)
        """)[0]
}

/// The shared API server with the CAPI CRDs installed.
func capiServer() async throws -> EnvtestServer {
    let server = try await Envtest.shared()
    try await server.installCRDs(EnvtestServer.capiCRDPaths())
    return server
}
