import Foundation
import KubeKit

extension EnvtestServer {
    /// `apiextensions.k8s.io/v1` CustomResourceDefinitions.
    public static let customResourceDefinitions = ResourceDescriptor(
        group: "apiextensions.k8s.io", version: "v1", kind: "CustomResourceDefinition",
        plural: "customresourcedefinitions", namespaced: false)

    /// The real upstream CAPI v1.14 CRDs kept as test fixtures (`Tests/Fixtures/capi-v1.14-crds`).
    public static func capiCRDPaths(_ plurals: [String] = ["clusters", "machines", "machinesets", "machinedeployments", "machinehealthchecks"]) -> [String] {
        plurals.map { "\(Envtest.repositoryRoot)/Tests/Fixtures/capi-v1.14-crds/cluster.x-k8s.io_\($0).yaml" }
    }

    /// Installs the CRDs in the YAML files at `paths`; see ``installCRDs(objects:)``.
    public func installCRDs(_ paths: [String]) async throws {
        try await installCRDs(objects: paths.flatMap { try YAMLDocuments.objects(try String(contentsOfFile: $0, encoding: .utf8)) })
    }

    /// Installs the CRDs of these kinds, generated from their Swift types.
    public func installCRDs(for kinds: [any CustomResource.Type]) async throws {
        try await installCRDs(objects: kinds.map { try JSONCoding.decoder.decode(UnstructuredObject.self, from: JSONCoding.encoder.encode($0.customResourceDefinition())) })
    }

    /// Installs CRDs (server-side apply, so tests running at the same time may install the same
    /// ones) and waits until each is `Established`.
    public func installCRDs(objects: [UnstructuredObject]) async throws {
        let client = try adminClient()
        for crd in objects {
            _ = try await client.apply(crd, resource: Self.customResourceDefinitions, options: ApplyOptions(fieldManager: "envtest", force: true))
        }
        for crd in objects {
            try await waitUntilEstablished(crd.metadata.name ?? "", client: client)
        }
    }

    private func waitUntilEstablished(_ name: String, client: KubeClient) async throws {
        let deadline = ContinuousClock.now + .seconds(30)
        while ContinuousClock.now < deadline {
            let crd = try await client.get(UnstructuredObject.self, resource: Self.customResourceDefinitions, name: name)
            let established = crd["status"]?["conditions"]?.arrayValue?.contains {
                $0["type"]?.stringValue == "Established" && $0["status"]?.stringValue == "True"
            } ?? false
            if established { return }
            try await Task.sleep(for: .milliseconds(100))
        }
        throw EnvtestError(message: "CRD \(name) was not Established within 30 s")
    }
}
