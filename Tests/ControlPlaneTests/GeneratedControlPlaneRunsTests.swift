import ClusterAPI
import ControlPlane
import Foundation
import KubeKit
import KubeKitTesting
import Testing

#if canImport(Glibc)
import Glibc
#endif

/// A free TCP port on 127.0.0.1, from the kernel.
func freePort() throws -> Int {
    let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
    defer { close(fd) }
    var address = sockaddr_in()
    address.sin_family = sa_family_t(AF_INET)
    address.sin_addr.s_addr = inet_addr("127.0.0.1")
    address.sin_port = 0
    var length = socklen_t(MemoryLayout<sockaddr_in>.size)
    let bound = withUnsafeMutablePointer(to: &address) { pointer in
        pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, length) == 0 && getsockname(fd, $0, &length) == 0 }
    }
    guard bound else { throw ManifestTestFailure("no free port") }
    return Int(UInt16(bigEndian: address.sin_port))
}

/// A process started by the test, stopped by it.
private final class Started: Sendable {
    let process: Process
    init(_ executable: String, _ arguments: [String], log: String) throws {
        process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        FileManager.default.createFile(atPath: log, contents: nil)
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: log))
        process.standardOutput = handle
        process.standardError = handle
        process.standardInput = FileHandle.nullDevice
        try process.run()
    }

    func stop() {
        guard process.isRunning else { return }
        process.terminate()
        process.waitUntilExit()
    }
}

@Suite("The generated control plane runs")
struct GeneratedControlPlaneRunsTests {
    /// The kube-apiserver the project's scripts built, as they find it.
    static var kubeAPIServerBinary: String {
        let environment = ProcessInfo.processInfo.environment
        return environment["KUBE_APISERVER_BIN"] ?? "\(Envtest.cacheDirectory)/kube-apiserver/bin/kube-apiserver"
    }

    @Test("kubeadm flavor: kube-apiserver started with exactly the generated certificates, keys and flags serves the hosted cluster; the controller initializes it and applies the add-ons")
    func kubeadmControlPlaneRuns() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("hcp-\(UUID().uuidString.prefix(8))").path
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let etcdPort = try freePort(), peerPort = try freePort(), apiPort = try freePort()
        let etcd = try Started(
            "/usr/bin/etcd",
            ["--name=hosted", "--data-dir=\(directory)/etcd", "--listen-client-urls=http://127.0.0.1:\(etcdPort)", "--advertise-client-urls=http://127.0.0.1:\(etcdPort)",
                "--listen-peer-urls=http://127.0.0.1:\(peerPort)", "--initial-advertise-peer-urls=http://127.0.0.1:\(peerPort)",
                "--initial-cluster=hosted=http://127.0.0.1:\(peerPort)", "--log-level=warn"],
            log: "\(directory)/etcd.log")
        var apiServer: Started?
        defer {
            apiServer?.stop()
            etcd.stop()
        }
        try await Envtest.shared().withNamespace { namespace, client in
            var spec = HostedControlPlane.Spec(
                version: "v1.20.2", flavor: .kubeadm, service: HostedControlPlane.ServiceSpec(apiServerPort: Int32(apiPort)),
                controlPlaneEndpoint: APIEndpoint(host: "127.0.0.1", port: Int32(apiPort)),
                datastore: HostedControlPlane.Datastore(type: .externalEtcd, externalEtcd: HostedControlPlane.ExternalEtcd(endpoints: ["http://127.0.0.1:\(etcdPort)"])))
            spec.addons = [HostedControlPlane.Addon(name: "greeting", configMapName: "edge-addons")]
            _ = try await client.create(ConfigMap(
                metadata: ObjectMeta(name: "edge-addons", namespace: namespace),
                data: ["greeting.yaml": "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: greeting\n  namespace: kube-public\ndata:\n  hello: world\n"]))
            let world = try await ControlPlaneWorld.make(namespace: namespace, client: client, spec: spec, pollInterval: .seconds(1))
            _ = try await world.reconciler.reconcile(world.request)
            #expect(try await world.controlPlane().status?.initialization?.controlPlaneInitialized != true)

            // Play the kubelet: lay out the container's volumes from the Secrets under the temp
            // directory and run its command with only the mount paths rewritten.
            let statefulSet = try await world.statefulSet()
            let podSpec = try #require(statefulSet["spec"]?[path: ["template", "spec"]])
            let container = try #require(try await world.container("kube-apiserver"))
            var arguments = container["args"]?.arrayValue?.compactMap(\.stringValue) ?? []
            for mount in container["volumeMounts"]?.arrayValue ?? [] {
                let mountPath = try #require(mount["mountPath"]?.stringValue)
                let volume = try #require(podSpec["volumes"]?.arrayValue?.first { $0["name"] == mount["name"] })
                for source in volume["projected"]?["sources"]?.arrayValue ?? [] {
                    let secretName = try #require(source["secret"]?["name"]?.stringValue)
                    let secret = try await client.get(Secret.self, name: secretName, namespace: namespace)
                    for item in source["secret"]?["items"]?.arrayValue ?? [] {
                        let file = "\(directory)\(mountPath)/\(item["path"]?.stringValue ?? "")"
                        try FileManager.default.createDirectory(atPath: (file as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
                        let data = try #require(secret.data?[item["key"]?.stringValue ?? ""], "Secret \(secretName) key \(item["key"] ?? "")")
                        try data.write(to: URL(fileURLWithPath: file))
                    }
                }
                arguments = arguments.map { $0.replacingOccurrences(of: "=\(mountPath)/", with: "=\(directory)\(mountPath)/") }
            }
            #expect(arguments.contains("--secure-port=\(apiPort)") && arguments.contains("--etcd-servers=http://127.0.0.1:\(etcdPort)"))
            apiServer = try Started(Self.kubeAPIServerBinary, arguments, log: "\(directory)/kube-apiserver.log")
            // and report the pod ready, as the kubelet and the StatefulSet controller would
            try await world.reportStatefulSet(ready: 1, replicas: 1)

            try await eventually(timeout: .seconds(120), "the controller sees the hosted API server ready") {
                _ = try? await world.reconciler.reconcile(world.request)
                return try await world.controlPlane().status?.initialization?.controlPlaneInitialized == true
            }
            // Once initialized, the next pass is due when the first certificate needs renewing:
            // the 24-hour admin client certificate, 8 hours before it expires.
            let result = try await world.reconciler.reconcile(world.request)
            guard case .requeue(let wait) = result else { throw ManifestTestFailure("no requeue after initialization: \(result)") }
            #expect(wait > .seconds(15 * 3600) && wait <= .seconds(16 * 3600), "\(wait)")
            let controlPlane = try await world.controlPlane()
            #expect(controlPlane.status?.conditions?[type: "Available"]?.status == .true)
            #expect(controlPlane.status?.conditions?[type: "Ready"]?.status == .true)
            #expect(controlPlane.status?.conditions?[type: HostedControlPlaneReconciler.addonsApplied]?.status == .true)

            // The generated kubeconfig works with KubeKit's client, and the add-on is there.
            let hosted = try await HostedClusterAccess(management: client).client(forCluster: "edge", namespace: namespace)
            let namespaces = try await hosted.list(Namespace.self).items.compactMap(\.metadata.name)
            #expect(namespaces.contains("kube-system") && namespaces.contains("default"))
            let greeting = try await hosted.get(ConfigMap.self, name: "greeting", namespace: "kube-public")
            #expect(greeting.data?["hello"] == "world")

            // What kubeadm join reads: cluster-info anonymously, the kubeadm and kubelet
            // configuration with a bootstrap token, and nothing else with that token.
            let server = "https://127.0.0.1:\(apiPort)"
            let anonymous = KubeClient(configuration: ClientConfiguration(server: server, insecureSkipTLSVerify: true))
            let clusterInfo = try await anonymous.get(ConfigMap.self, name: "cluster-info", namespace: "kube-public")
            let caPEM = try #require(try await client.get(Secret.self, name: "edge-ca", namespace: namespace).data?["tls.crt"])
            #expect(clusterInfo.data?["kubeconfig"]?.contains("certificate-authority-data: \(caPEM.base64EncodedString())") == true)
            #expect(clusterInfo.data?["kubeconfig"]?.contains("server: \(server)") == true)
            _ = try await hosted.create(Secret(
                metadata: ObjectMeta(name: "bootstrap-token-abcdef", namespace: "kube-system"), type: "bootstrap.kubernetes.io/token",
                stringData: [
                    "token-id": "abcdef", "token-secret": "0123456789abcdef", "usage-bootstrap-authentication": "true",
                    "auth-extra-groups": "system:bootstrappers:kubeadm:default-node-token",
                ]))
            let joining = KubeClient(configuration: ClientConfiguration(
                server: server, insecureSkipTLSVerify: true, credentials: .bearerToken(Sensitive("abcdef.0123456789abcdef"))))
            let kubeadmConfig = try await joining.get(ConfigMap.self, name: "kubeadm-config", namespace: "kube-system")
            #expect(kubeadmConfig.data?["ClusterConfiguration"]?.contains("kubernetesVersion: v1.20.2") == true)
            #expect(try await joining.get(ConfigMap.self, name: "kubelet-config-1.20", namespace: "kube-system").data?["kubelet"] != nil)
            await #expect(throws: KubeError.self) { try await joining.get(ConfigMap.self, name: "greeting", namespace: "kube-public") }

            // And with kubectl, when it is installed.
            let kubectl = "/usr/bin/kubectl"
            if FileManager.default.isExecutableFile(atPath: kubectl) {
                let kubeconfigPath = "\(directory)/kubeconfig"
                try #require(try await client.get(Secret.self, name: "edge-kubeconfig", namespace: namespace).data?["value"]).write(to: URL(fileURLWithPath: kubeconfigPath))
                let run = try Started(kubectl, ["--kubeconfig", kubeconfigPath, "get", "ns", "-o", "name"], log: "\(directory)/kubectl.out")
                run.process.waitUntilExit()
                #expect(run.process.terminationStatus == 0)
                let output = (try? String(contentsOfFile: "\(directory)/kubectl.out", encoding: .utf8)) ?? ""
                #expect(output.contains("namespace/kube-system"), "\(output)")
            }
        }
    }
}
