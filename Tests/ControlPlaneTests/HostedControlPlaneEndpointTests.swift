import ClusterAPI
import ControlPlane
import Foundation
import KubeKit
import KubeKitTesting
import Testing

@Suite("HostedControlPlane endpoint, pause and bring-your-own CA on the real API server")
struct HostedControlPlaneEndpointTests {
    @Test("a LoadBalancer Service: the controller waits for its address, then uses it as the endpoint and in the kubeconfig")
    func loadBalancerAddress() async throws {
        try await Envtest.shared().withNamespace { namespace, client in
            let world = try await ControlPlaneWorld.make(
                namespace: namespace, client: client,
                spec: HostedControlPlane.Spec(version: "v1.31.2", service: HostedControlPlane.ServiceSpec(type: .loadBalancer, annotations: ["lb.example/internal": "true"])))
            #expect(try await world.reconciler.reconcile(world.request) == .requeue(after: .seconds(10)))
            #expect(try await world.condition("ServiceAvailable")?.reason == "WaitingForLoadBalancer")
            let service = try await world.object(ManifestResources.service, "edge-control-plane")
            #expect(service["spec"]?["type"] == "LoadBalancer")
            #expect(service.metadata.annotations?["lb.example/internal"] == "true")
            #expect(service["spec"]?["ports"]?.arrayValue?.compactMap { $0["name"]?.stringValue } == ["api", "konnectivity"])
            await #expect(throws: KubeError.self) { try await client.get(Secret.self, name: "edge-kubeconfig", namespace: namespace) }

            // The cloud's load balancer controller reports an address.
            _ = try await client.patch(
                UnstructuredObject.self, resource: ManifestResources.service, name: "edge-control-plane", namespace: namespace,
                patch: .merge(["status": ["loadBalancer": ["ingress": [["ip": "198.51.100.7"]]]]]), subresource: "status")
            _ = try await world.reconciler.reconcile(world.request)
            #expect(try await world.controlPlane().spec.controlPlaneEndpoint == APIEndpoint(host: "198.51.100.7", port: 6443))
            #expect(try await world.condition("ServiceAvailable")?.status == .true)
            let kubeconfig = try await client.get(Secret.self, name: "edge-kubeconfig", namespace: namespace)
            let kubeconfigText = String(decoding: kubeconfig.data?["value"] ?? Data(), as: UTF8.self)
            #expect(kubeconfigText.contains("https://198.51.100.7:6443"))
            let k0sConfig = String(decoding: try await client.get(Secret.self, name: "edge-k0s-config", namespace: namespace).data?["k0s.yaml"] ?? Data(), as: UTF8.self)
            #expect(k0sConfig.contains("externalAddress: 198.51.100.7"))
        }
    }

    @Test("a NodePort Service: the endpoint is a node's address and the API node port")
    func nodePort() async throws {
        try await Envtest.shared().withNamespace { namespace, client in
            let nodeName = "node-\(namespace)"
            _ = try await client.create(
                UnstructuredObject(apiVersion: "v1", kind: "Node", metadata: ObjectMeta(name: nodeName)), resource: HostedControlPlaneEndpointTests.nodes)
            defer { Task { try? await client.delete(resource: HostedControlPlaneEndpointTests.nodes, name: nodeName) } }
            _ = try await client.patch(
                UnstructuredObject.self, resource: Self.nodes, name: nodeName,
                patch: .merge(["status": ["addresses": [["type": "InternalIP", "address": "192.0.2.44"]]]]), subresource: "status")
            let world = try await ControlPlaneWorld.make(
                namespace: namespace, client: client,
                spec: HostedControlPlane.Spec(version: "v1.31.2", flavor: .kubeadm, service: HostedControlPlane.ServiceSpec(type: .nodePort)))
            _ = try await world.reconciler.reconcile(world.request)
            let service = try await world.object(ManifestResources.service, "edge-control-plane")
            let nodePort = try #require(service["spec"]?["ports"]?.arrayValue?.first?["nodePort"]?.intValue)
            let endpoint = try #require(try await world.controlPlane().spec.controlPlaneEndpoint)
            #expect(endpoint.port == Int32(nodePort))
            // Other tests' nodes may exist on the shared server; the address is one of a node.
            #expect(endpoint.host.map { !$0.isEmpty } == true)
        }
    }

    static let nodes = ResourceDescriptor(group: "", version: "v1", kind: "Node", plural: "nodes", namespaced: false)

    @Test("a paused Cluster: only the Paused condition is written, no object")
    func paused() async throws {
        try await Envtest.shared().withNamespace { namespace, client in
            let world = try await ControlPlaneWorld.make(namespace: namespace, client: client, spec: HostedControlPlane.Spec(version: "v1.31.2"))
            _ = try await client.patch(Cluster.self, name: "edge", namespace: namespace, patch: .merge(["spec": ["paused": true]]))
            #expect(try await world.reconciler.reconcile(world.request) == .done)
            #expect(try await world.condition("Paused")?.status == .true)
            await #expect(throws: KubeError.self) { try await world.object(ManifestResources.service, "edge-control-plane") }
        }
    }

    @Test("without its Cluster the HostedControlPlane waits and says so")
    func waitsForCluster() async throws {
        try await Envtest.shared().withNamespace { namespace, client in
            let world = try await ControlPlaneWorld.make(namespace: namespace, client: client, spec: HostedControlPlane.Spec(version: "v1.31.2"))
            try await client.delete(Cluster.self, name: "edge", namespace: namespace)
            #expect(try await world.reconciler.reconcile(world.request) == .done)
            #expect(try await world.condition("Available")?.reason == "WaitingForCluster")
        }
    }

    @Test("a CA brought in the <cluster>-ca Secret is used as is: not rewritten, not owned, and it signs the kubeconfig's server")
    func bringYourOwnCA() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("byo-\(UUID().uuidString.prefix(8))").path
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let openssl = Process()
        openssl.executableURL = URL(fileURLWithPath: "/usr/bin/openssl")
        openssl.arguments = [
            "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes", "-keyout", "\(directory)/ca.key", "-out", "\(directory)/ca.crt",
            "-subj", "/CN=byo-root", "-days", "365", "-addext", "basicConstraints=critical,CA:TRUE", "-addext", "keyUsage=critical,keyCertSign,cRLSign,digitalSignature",
        ]
        openssl.standardOutput = FileHandle.nullDevice
        openssl.standardError = FileHandle.nullDevice
        try openssl.run()
        openssl.waitUntilExit()
        try #require(openssl.terminationStatus == 0)
        let certificate = try Data(contentsOf: URL(fileURLWithPath: "\(directory)/ca.crt"))
        let key = try Data(contentsOf: URL(fileURLWithPath: "\(directory)/ca.key"))
        try await Envtest.shared().withNamespace { namespace, client in
            let byo = try await client.create(Secret(
                metadata: ObjectMeta(name: "edge-ca", namespace: namespace), type: "Opaque", data: ["tls.crt": certificate, "tls.key": key]))
            let world = try await ControlPlaneWorld.make(namespace: namespace, client: client, spec: HostedControlPlane.Spec(version: "v1.31.2", flavor: .kubeadm))
            _ = try await world.reconciler.reconcile(world.request)
            let after = try await client.get(Secret.self, name: "edge-ca", namespace: namespace)
            #expect(after.metadata.resourceVersion == byo.metadata.resourceVersion)
            #expect(after.metadata.ownerReferences == nil)
            let apiServer = try await client.get(Secret.self, name: "edge-apiserver", namespace: namespace)
            #expect(apiServer.data?["ca.crt"] == certificate)
            let kubeconfig = String(decoding: try await client.get(Secret.self, name: "edge-kubeconfig", namespace: namespace).data?["value"] ?? Data(), as: UTF8.self)
            #expect(kubeconfig.contains(certificate.base64EncodedString()))
            #expect(try await world.condition("CertificatesAvailable")?.status == .true)
        }
    }

    @Test("a broken CA brought in <cluster>-ca is refused with a condition naming the Secret, never its content")
    func brokenCA() async throws {
        try await Envtest.shared().withNamespace { namespace, client in
            _ = try await client.create(Secret(
                metadata: ObjectMeta(name: "edge-ca", namespace: namespace), type: "Opaque",
                data: ["tls.crt": Data("-----BEGIN CERTIFICATE-----\nnot-a-certificate\n-----END CERTIFICATE-----\n".utf8), "tls.key": Data("secret-key-material".utf8)]))
            let world = try await ControlPlaneWorld.make(namespace: namespace, client: client, spec: HostedControlPlane.Spec(version: "v1.31.2"))
            await #expect(throws: TerminalError.self) { try await world.reconciler.reconcile(world.request) }
            let condition = try #require(try await world.condition("CertificatesAvailable"))
            #expect(condition.status == .false && condition.message.contains("edge-ca"))
            #expect(!condition.message.contains("secret-key-material") && !condition.message.contains("not-a-certificate"))
            await #expect(throws: KubeError.self) { try await client.get(Secret.self, name: "edge-kubeconfig", namespace: namespace) }
        }
    }
}
