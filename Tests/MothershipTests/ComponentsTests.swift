import Foundation
import KubeKit
import KubeKitTesting
import Testing

@testable import mothership

@Suite("clusterctl components")
struct ComponentsTests {
    @Test("each provider has exactly one Namespace, and every object is labelled with its provider", arguments: ProviderType.allCases)
    func namespaceAndLabels(provider: ProviderType) {
        let objects = ProviderComponents(provider: provider).objects()
        #expect(objects.filter { $0["kind"] == "Namespace" }.count == 1)
        for object in objects {
            #expect(object[path: ["metadata", "labels", "cluster.x-k8s.io/provider"]] == .string(provider.providerLabel))
            if let namespace = object[path: ["metadata", "namespace"]] { #expect(namespace == .string(provider.namespace)) }
        }
    }

    @Test("the manager Deployment runs only its provider, elects a leader, is probed and runs unprivileged", arguments: ProviderType.allCases)
    func deployment(provider: ProviderType) throws {
        let deployment = try #require(ProviderComponents(provider: provider).objects().first { $0["kind"] == "Deployment" })
        let pod = try #require(deployment[path: ["spec", "template", "spec"]])
        let container = try #require(pod["containers"]?.arrayValue?.first)
        #expect(container["name"] == "manager")
        let args = container["args"]?.arrayValue?.compactMap(\.stringValue) ?? []
        #expect(args.contains("--providers=\(provider.rawValue)") && args.contains("--leader-elect"))
        #expect(args.contains { $0.hasPrefix("--namespace=${") } && args.contains { $0.hasPrefix("--watch-filter=${") })
        #expect(container[path: ["livenessProbe", "httpGet", "path"]] == "/healthz")
        #expect(container[path: ["readinessProbe", "httpGet", "path"]] == "/readyz")
        #expect(container[path: ["resources", "requests", "cpu"]] != nil && container[path: ["resources", "requests", "memory"]] != nil)
        #expect(container[path: ["securityContext", "readOnlyRootFilesystem"]] == true)
        #expect(container[path: ["securityContext", "allowPrivilegeEscalation"]] == false)
        #expect(pod[path: ["securityContext", "runAsNonRoot"]] == true)
        #expect(pod["serviceAccountName"] == .string("\(provider.prefix)-manager"))
    }

    @Test("CAPI's manager aggregates a ClusterRole for our kinds; leader election needs only a namespaced Role", arguments: ProviderType.allCases)
    func rbac(provider: ProviderType) {
        let objects = ProviderComponents(provider: provider).objects()
        #expect(objects.contains { $0["kind"] == "ClusterRole" && $0[path: ["metadata", "labels", "cluster.x-k8s.io/aggregate-to-manager"]] == "true" })
        let role = objects.first { $0["kind"] == "Role" }
        #expect(role?[path: ["metadata", "namespace"]] == .string(provider.namespace))
        #expect(role?["rules"]?.arrayValue?.first?["resources"] == ["leases"])
        let clusterWide = objects.filter { $0["kind"] == "ClusterRole" }.flatMap { $0["rules"]?.arrayValue ?? [] }
        #expect(!clusterWide.contains { $0["resources"]?.arrayValue?.contains("leases") == true }, "leases are not granted cluster-wide")
        #expect(!clusterWide.contains { $0["verbs"]?.arrayValue?.contains("*") == true }, "no wildcard verbs")
    }

    @Test("the bootstrap provider carries the CRDs of its kinds, with the contract label and the cluster-api category")
    func customResourceDefinitions() {
        let crds = ProviderComponents(provider: .bootstrap).objects().filter { $0["kind"] == "CustomResourceDefinition" }
        #expect(crds.compactMap { $0[path: ["metadata", "name"]]?.stringValue }.sorted()
            == ["workerconfigs.bootstrap.mothership.dev", "workerconfigtemplates.bootstrap.mothership.dev"])
        for crd in crds {
            #expect(crd[path: ["metadata", "labels", "cluster.x-k8s.io/v1beta2"]] == "v1beta1")
            #expect(crd[path: ["spec", "names", "categories"]]?.arrayValue?.contains("cluster-api") == true)
        }
        let aggregated = ProviderComponents(provider: .bootstrap).objects().first {
            $0[path: ["metadata", "labels", "cluster.x-k8s.io/aggregate-to-manager"]] == "true"
        }
        #expect(aggregated?["rules"]?.arrayValue?.first?["resources"] == ["workerconfigs", "workerconfigtemplates"])
    }

    @Test("every variable has a default, so clusterctl init works with none set", arguments: ProviderType.allCases)
    func variablesHaveDefaults(provider: ProviderType) throws {
        let yaml = try YAMLDocuments.encode(ProviderComponents(provider: provider).objects())
        let variables = try TemplateVariables(parsing: yaml)
        #expect(!variables.references.isEmpty)
        #expect(variables.missing(in: [:]) == [])
    }

    @Test("metadata.yaml maps the release series to the v1beta2 contract")
    func metadata() {
        let metadata = ReleaseMetadata.document()
        #expect(metadata["apiVersion"] == "clusterctl.cluster.x-k8s.io/v1alpha3" && metadata["kind"] == "Metadata")
        #expect(metadata["releaseSeries"]?.arrayValue?.first?["contract"] == "v1beta2")
    }

    @Test("config/ in the repository is what 'mothership components' generates")
    func configUpToDate() throws {
        let result = try runMothership(["components", "--check", "\(Envtest.repositoryRoot)/config"], environment: [:])
        #expect(result.status == 0, "\(result.output)")
    }

    @Test("kubectl apply --dry-run=server accepts each provider's components on the real API server", arguments: ProviderType.allCases)
    func dryRunApply(provider: ProviderType) async throws {
        let server = try await Envtest.shared()
        let client = try server.adminClient()
        _ = try? await client.create(Namespace(metadata: ObjectMeta(name: provider.namespace)))
        let yaml = try TemplateVariables(parsing: try YAMLDocuments.encode(ProviderComponents(provider: provider).objects())).render([:])
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("\(provider.rawValue)-components-\(UUID().uuidString).yaml")
        try yaml.write(to: file, atomically: true, encoding: .utf8)
        let kubectl = Process()
        kubectl.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        kubectl.arguments = ["kubectl", "--kubeconfig", server.kubeconfigPath, "apply", "--dry-run=server", "-f", file.path]
        let output = Pipe()
        kubectl.standardOutput = output
        kubectl.standardError = output
        try kubectl.run()
        let text = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        kubectl.waitUntilExit()
        #expect(kubectl.terminationStatus == 0, "\(text)")
        #expect(text.contains("deployment.apps/\(provider.prefix)-controller-manager created (server dry run)"))
    }
}
