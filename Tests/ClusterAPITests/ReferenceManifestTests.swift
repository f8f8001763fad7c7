import ClusterAPI
import Foundation
import KubeKit
import KubeKitTesting
import Testing

/// The CAPI core objects of real clusterctl templates and provider examples
/// (`Tests/Fixtures/reference-manifests`, see its PROVENANCE.md) pass through our types intact.
@Suite("CAPI objects of reference manifests")
struct ReferenceManifestTests {
    static let directory = "\(Envtest.repositoryRoot)/Tests/Fixtures/reference-manifests"

    /// Each manifest with the kinds of its `cluster.x-k8s.io/v1beta2` core objects, in order.
    /// Files with none hold `v1beta1` objects (or only a ClusterClass), which our types do not read.
    static let manifests: [(String, [String])] = [
        ("capi-inmemory-clusterclass.yaml", []),
        ("capi-inmemory-scale.yaml", ["Cluster"]),
        ("capk-cluster-template.yaml", []),
        ("capm3-clusterctl-cluster.yaml", ["Cluster", "MachineDeployment"]),
        ("capm3-mhc-reboot-remediation.yaml", ["MachineHealthCheck"]),
        ("capo-cluster-template.yaml", ["Cluster", "MachineDeployment"]),
        ("capv-cluster-template.yaml", ["Cluster", "MachineDeployment"]),
        ("k0smotron-docker-machinedeployment.yaml", ["Cluster", "MachineDeployment"]),
        ("k0smotron-kubevirt-hcp.yaml", ["Cluster", "MachineDeployment"]),
        ("k0smotron-remotemachine.yaml", ["Cluster", "Machine"]),
        ("k0smotron-vsphere-hcp.yaml", ["Cluster", "MachineDeployment"]),
        ("kamaji-kubevirt-clusterclass.yaml", []),
        ("kamaji-vsphere.yaml", []),
    ]

    @Test("the table names every manifest of the fixture directory")
    func tableIsComplete() throws {
        let files = try FileManager.default.contentsOfDirectory(atPath: Self.directory).filter { $0.hasSuffix(".yaml") }
        #expect(files.sorted() == Self.manifests.map { $0.0 })
    }

    @Test(
        "every v1beta2 CAPI core object of a manifest decodes and re-encodes with no field lost or changed",
        arguments: manifests)
    func roundTrips(file: String, kinds: [String]) throws {
        let text = Self.substitutingVariables(in: try String(contentsOfFile: "\(Self.directory)/\(file)", encoding: .utf8))
        var seen: [String] = []
        for object in try YAMLDocuments.objects(text) where object.apiVersion == "cluster.x-k8s.io/v1beta2" {
            let original = Self.droppingNulls(try JSONValue(encoding: object))
            let kept: JSONValue
            switch object.kind {
            case "Cluster": kept = try Self.reencoded(original, as: Cluster.self)
            case "Machine": kept = try Self.reencoded(original, as: Machine.self)
            case "MachineSet": kept = try Self.reencoded(original, as: MachineSet.self)
            case "MachineDeployment": kept = try Self.reencoded(original, as: MachineDeployment.self)
            case "MachineHealthCheck": kept = try Self.reencoded(original, as: MachineHealthCheck.self)
            default: continue
            }
            seen.append(object.kind ?? "")
            #expect(SchemaSample.differences(original, kept) == [], "\(object)")
        }
        #expect(seen == kinds)
    }

    /// `object` decoded as `T` and encoded again, with the `apiVersion` and `kind` the client adds.
    static func reencoded<T: KubeResource>(_ object: JSONValue, as type: T.Type) throws -> JSONValue {
        var json = try SchemaSample.roundTrip(object, as: T.self)
        json["apiVersion"] = .string(T.resource.apiVersion)
        json["kind"] = .string(T.resource.kind)
        return json
    }

    /// `value` without object fields set to `null`: the API server drops those from custom
    /// resources (no CAPI field is nullable), so `matchLabels: null` and no `matchLabels` are the
    /// same object.
    static func droppingNulls(_ value: JSONValue) -> JSONValue {
        switch value {
        case .object(let fields): return .object(fields.filter { $0.value != .null }.mapValues(droppingNulls))
        case .array(let items): return .array(items.map(droppingNulls))
        default: return value
        }
    }

    /// Replaces clusterctl variables (`${NAME}`, `${NAME:=default}`, `${NAME:-default}`) with test
    /// values: the default if there is one; else numbers for counts and ports, `v1beta2` for the
    /// CAPI version, nothing for YAML fragments, and the name in kebab case otherwise.
    static func substitutingVariables(in text: String) -> String {
        text.replacing(/\$\{([A-Za-z0-9_]+)(?::?[=-]([^}]*))?\}/) { match in
            if let fallback = match.output.2 { return String(fallback) }
            let name = String(match.output.1)
            if name == "CAPI_VERSION" { return "v1beta2" }
            if name.hasSuffix("_EXTRA_CONFIG") { return "" }
            if name.hasSuffix("_COUNT") || name.hasSuffix("_REPLICAS") { return "3" }
            if name.hasSuffix("_PORT") { return "6443" }
            return name.lowercased().replacing("_", with: "-")
        }
    }
}
