import ClusterAPI
import ControlPlane
import Foundation
import KubeKit
import Testing

/// Golden files of the generated objects: the expected YAML of each case, committed under
/// Tests/Fixtures/controlplane-golden. Run with `MOTHERSHIP_UPDATE_GOLDEN=1` to rewrite them
/// from the current builders, then review the diff.
enum ManifestGolden {
    static var updating: Bool { ProcessInfo.processInfo.environment["MOTHERSHIP_UPDATE_GOLDEN"] == "1" }
    static let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fixtures/controlplane-golden").path

    static func expected(named name: String, actual: String) throws -> String {
        let path = "\(directory)/\(name).yaml"
        if updating { try Data(actual.utf8).write(to: URL(fileURLWithPath: path)) }
        guard let data = FileManager.default.contents(atPath: path) else {
            throw ManifestTestFailure("no golden file \(path); run with MOTHERSHIP_UPDATE_GOLDEN=1 to create it")
        }
        return String(decoding: data, as: UTF8.self)
    }
}

struct ManifestTestFailure: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}

/// A Cluster `edge` in `fleet` and a HostedControlPlane for it.
enum ManifestCases {
    static let cluster = Cluster(
        metadata: ObjectMeta(name: "edge", namespace: "fleet"),
        spec: Cluster.Spec(clusterNetwork: Cluster.ClusterNetwork(services: Cluster.NetworkRanges(cidrBlocks: ["10.128.0.0/16"]))))

    static func controlPlane(_ spec: HostedControlPlane.Spec) -> HostedControlPlane {
        HostedControlPlane(metadata: ObjectMeta(name: "edge", namespace: "fleet", labels: [ClusterAPIGroup.clusterNameLabel: "edge"]), spec: spec)
    }

    static func manifests(_ spec: HostedControlPlane.Spec, endpoint: APIEndpoint = APIEndpoint(host: "203.0.113.10", port: 6443), dataSource: String? = nil) -> ControlPlaneManifests {
        ControlPlaneManifests(
            controlPlane: controlPlane(spec), cluster: cluster, version: KubernetesVersion(spec.version)!, endpoint: endpoint, kineDataSource: dataSource)
    }

    /// Every object of a rendering as YAML documents: the Service, the k0s configuration (for
    /// k0s, decoded so it reads field by field), then the workloads.
    static func yaml(_ manifests: ControlPlaneManifests) throws -> String {
        var documents: [JSONValue] = [try JSONValue(encoding: manifests.service())]
        if manifests.controlPlane.spec.flavor != .kubeadm {
            documents += try YAMLDocuments.decode(manifests.k0sConfigYAML())
        }
        documents += try manifests.workloads().map { try JSONValue(encoding: $0.object) }
        return try YAMLDocuments.encode(documents)
    }

    static let goldenCases: [(String, HostedControlPlane.Spec, APIEndpoint, String?)] = {
        var k0sEtcd = HostedControlPlane.Spec(
            version: "v1.31.2", replicas: 3, service: HostedControlPlane.ServiceSpec(type: .loadBalancer, annotations: ["lb.example/internal": "true"]))
        k0sEtcd.extraArgs = HostedControlPlane.ExtraArgs(apiServer: ["audit-log-maxage": "30"])
        var kubeadmEtcd = HostedControlPlane.Spec(version: "v1.31.2", flavor: .kubeadm, replicas: 3, datastore: HostedControlPlane.Datastore(type: .etcd, etcd: HostedControlPlane.ManagedEtcd(replicas: 5)))
        kubeadmEtcd.placement = HostedControlPlane.Placement(nodeSelector: ["node-role.example/control-planes": ""], tolerations: [HostedControlPlane.Toleration(key: "dedicated", operator: "Equal", value: "control-planes", effect: "NoSchedule")])
        kubeadmEtcd.resources = HostedControlPlane.ResourceRequirements(requests: ["cpu": "500m", "memory": "512Mi"])
        let kineSecret = HostedControlPlane.Datastore(type: .kine, kine: HostedControlPlane.Kine(dataSourceSecretRef: HostedControlPlane.SecretKeyReference(name: "edge-db", key: "dsn")))
        return [
            ("k0s-sqlite", HostedControlPlane.Spec(version: "v1.31.2+k0s.0"), APIEndpoint(host: "203.0.113.10", port: 6443), nil),
            ("k0s-etcd-loadbalancer", k0sEtcd, APIEndpoint(host: "cp.edge.example", port: 6443), nil),
            ("k0s-kine-mirror", HostedControlPlane.Spec(version: "v1.30.5", replicas: 2, imageRepository: "registry.example/mirror", service: HostedControlPlane.ServiceSpec(type: .nodePort), datastore: kineSecret, persistence: HostedControlPlane.Persistence(type: .emptyDir)), APIEndpoint(host: "192.0.2.7", port: 31443), "postgres://kine:password@db.example:5432/kine"),
            ("kubeadm-sqlite-v1.20", HostedControlPlane.Spec(version: "v1.20.2", flavor: .kubeadm, persistence: HostedControlPlane.Persistence(size: "5Gi", storageClassName: "fast")), APIEndpoint(host: "127.0.0.1", port: 6443), nil),
            ("kubeadm-etcd", kubeadmEtcd, APIEndpoint(host: "203.0.113.10", port: 6443), nil),
            ("kubeadm-kine-mirror", HostedControlPlane.Spec(version: "v1.31.2", flavor: .kubeadm, imageRepository: "registry.example/mirror", datastore: kineSecret), APIEndpoint(host: "203.0.113.10", port: 6443), nil),
        ]
    }()
}

@Suite("Control-plane manifests")
struct ManifestGoldenTests {
    @Test("each flavor and datastore renders exactly its golden file", arguments: ManifestCases.goldenCases.map(\.0))
    func golden(name: String) throws {
        let (_, spec, endpoint, dataSource) = try #require(ManifestCases.goldenCases.first { $0.0 == name })
        let actual = try ManifestCases.yaml(ManifestCases.manifests(spec, endpoint: endpoint, dataSource: dataSource))
        #expect(actual == (try ManifestGolden.expected(named: name, actual: actual)))
    }

    @Test("every image comes from the repository override when one is set", arguments: ["k0s-kine-mirror", "kubeadm-kine-mirror"])
    func imagesHonourTheOverride(name: String) throws {
        let (_, spec, endpoint, dataSource) = try #require(ManifestCases.goldenCases.first { $0.0 == name })
        let manifests = ManifestCases.manifests(spec, endpoint: endpoint, dataSource: dataSource)
        let images = manifests.workloads().flatMap { manifest in
            manifest.object["spec"]?[path: ["template", "spec", "containers"]]?.arrayValue?.compactMap { $0["image"]?.stringValue } ?? []
        }
        #expect(!images.isEmpty)
        for image in images { #expect(image.hasPrefix("registry.example/mirror/"), "\(image)") }
        if spec.flavor != .kubeadm {
            #expect(manifests.k0sConfigYAML().contains("repository: registry.example/mirror"))
        }
    }

    @Test("the kine data source reaches kubeadm's kine through a Secret reference, never the pod spec")
    func dataSourceStaysInSecrets() throws {
        let (_, spec, endpoint, _) = try #require(ManifestCases.goldenCases.first { $0.0 == "kubeadm-kine-mirror" })
        let manifests = ManifestCases.manifests(spec, endpoint: endpoint, dataSource: "postgres://kine:password@db.example/kine")
        let text = try ManifestCases.yaml(manifests)
        #expect(!text.contains("password"))
        #expect(text.contains("secretKeyRef"))
    }

    @Test(
        "kube-apiserver's flags follow the version: no insecure port flag from 1.24",
        arguments: [("v1.20.2", true), ("v1.23.9", true), ("v1.24.0", false), ("v1.31.2", false)])
    func versionAwareFlags(version: String, insecurePortFlag: Bool) {
        let manifests = ManifestCases.manifests(HostedControlPlane.Spec(version: version, flavor: .kubeadm))
        let statefulSet = manifests.controlPlaneStatefulSet()
        let containers = statefulSet["spec"]?[path: ["template", "spec", "containers"]]?.arrayValue ?? []
        let args = containers.first { $0["name"] == "kube-apiserver" }?["args"]?.arrayValue?.compactMap(\.stringValue) ?? []
        #expect(args.contains("--insecure-port=0") == insecurePortFlag)
        #expect(args.contains("--etcd-servers=http://127.0.0.1:2379"))
        #expect(containers.first { $0["name"] == "kube-apiserver" }?["image"]?.stringValue == "registry.k8s.io/kube-apiserver:\(version)")
    }

    @Test("extra args override generated flags of the same name")
    func extraArgsOverride() {
        var spec = HostedControlPlane.Spec(version: "v1.31.2", flavor: .kubeadm)
        spec.extraArgs = HostedControlPlane.ExtraArgs(apiServer: ["authorization-mode": "RBAC", "audit-log-maxage": "30"])
        let containers = ManifestCases.manifests(spec).controlPlaneStatefulSet()["spec"]?[path: ["template", "spec", "containers"]]?.arrayValue ?? []
        let args = containers.first { $0["name"] == "kube-apiserver" }?["args"]?.arrayValue?.compactMap(\.stringValue) ?? []
        #expect(args.contains("--authorization-mode=RBAC") && !args.contains("--authorization-mode=Node,RBAC"))
        #expect(args.contains("--audit-log-maxage=30"))
    }

    /// The fields of k0s's documented configuration file reference (docs.k0sproject.io,
    /// "Configuration file reference") that the generated k0s.yaml may use.
    static let documentedK0sFields: Set<String> = [
        "apiVersion", "kind", "metadata.name",
        "spec.api.address", "spec.api.externalAddress", "spec.api.port", "spec.api.k0sApiPort", "spec.api.sans", "spec.api.extraArgs",
        "spec.controllerManager.extraArgs", "spec.scheduler.extraArgs",
        "spec.storage.type", "spec.storage.kine.dataSource",
        "spec.storage.etcd.externalCluster.endpoints", "spec.storage.etcd.externalCluster.etcdPrefix", "spec.storage.etcd.externalCluster.caFile",
        "spec.storage.etcd.externalCluster.clientCertFile", "spec.storage.etcd.externalCluster.clientKeyFile",
        "spec.network.podCIDR", "spec.network.serviceCIDR", "spec.network.clusterDomain", "spec.network.provider",
        "spec.konnectivity.agentPort", "spec.konnectivity.adminPort", "spec.images.repository", "spec.telemetry.enabled",
    ]

    @Test("every field of every generated k0s.yaml is one k0s documents", arguments: ManifestCases.goldenCases.filter { $0.1.flavor != .kubeadm }.map(\.0))
    func k0sConfigMatchesTheDocumentedSchema(name: String) throws {
        let (_, spec, endpoint, dataSource) = try #require(ManifestCases.goldenCases.first { $0.0 == name })
        let config = try #require(try YAMLDocuments.decode(ManifestCases.manifests(spec, endpoint: endpoint, dataSource: dataSource).k0sConfigYAML()).first)
        func leaves(_ value: JSONValue, _ path: String) -> [String] {
            if path.hasSuffix("extraArgs") { return [path] }
            guard let object = value.objectValue else { return [path] }
            return object.flatMap { leaves($0.value, path.isEmpty ? $0.key : "\(path).\($0.key)") }
        }
        let undocumented = leaves(config, "").filter { !Self.documentedK0sFields.contains($0) }
        #expect(undocumented == [])
        #expect(config["kind"] == "ClusterConfig" && config["apiVersion"] == "k0s.k0sproject.io/v1beta1")
    }
}
