@testable import DevRuntime
import Foundation
import KubeKit
import KubeKitTesting
import Testing

/// A small web server in Python that records its environment in a file and serves
/// `/etc/devruntime-test` (where the test mounts its volumes) on the port given as its argument.
private let webServer = """
    import functools, http.server, os, sys
    open('/etc/devruntime-test/env/vars', 'w').write(' '.join([os.environ['MY_POD_NAME'], os.environ['MY_NAMESPACE'], os.environ['MY_POD_IP'], os.environ['GREETING'], os.environ['MODE']]))
    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory='/etc/devruntime-test')
    http.server.ThreadingHTTPServer(('0.0.0.0', int(sys.argv[1])), handler).serve_forever()
    """

/// The web server container: Secret and ConfigMap at paths the host does not have, env from
/// the Pod's fields, a ConfigMap key and earlier variables, and a readiness probe on a served file.
func webContainer(port: Int32 = 8080) -> Container {
    Container(
        name: "web", image: "example.test/python:3.11",
        command: ["python3", "-c", webServer], args: ["$(PORT)"],
        env: [
            EnvVar(name: "MY_POD_NAME", valueFrom: EnvVarSource(fieldRef: ObjectFieldSelector(fieldPath: "metadata.name"))),
            EnvVar(name: "MY_NAMESPACE", valueFrom: EnvVarSource(fieldRef: ObjectFieldSelector(fieldPath: "metadata.namespace"))),
            EnvVar(name: "MY_POD_IP", valueFrom: EnvVarSource(fieldRef: ObjectFieldSelector(fieldPath: "status.podIP"))),
            EnvVar(name: "GREETING", value: "hello-$(MY_POD_NAME)"),
            EnvVar(name: "PORT", value: "\(port)"),
        ],
        envFrom: [EnvFromSource(prefix: "", configMapRef: .init(name: "settings"))],
        ports: [ContainerPort(name: "http", containerPort: port)],
        volumeMounts: [
            VolumeMount(name: "credentials", mountPath: "/etc/devruntime-test/secret", readOnly: true),
            VolumeMount(name: "settings", mountPath: "/etc/devruntime-test/config"),
            VolumeMount(name: "whole-settings", mountPath: "/etc/devruntime-test/mode.txt", subPath: "MODE", readOnly: true),
            VolumeMount(name: "scratch", mountPath: "/etc/devruntime-test/env"),
        ],
        readinessProbe: Probe(httpGet: .init(path: "/config/conf/app.conf", port: "http"), periodSeconds: 1))
}

let webVolumes = [
    Volume(name: "credentials", secret: SecretVolumeSource(secretName: "credentials")),
    Volume(name: "settings", configMap: ConfigMapVolumeSource(name: "settings", items: [KeyToPath(key: "app.conf", path: "conf/app.conf", mode: 0o600)])),
    Volume(name: "whole-settings", configMap: ConfigMapVolumeSource(name: "settings")),
    Volume(name: "scratch", emptyDir: [:]),
]

/// Creates the Secret and ConfigMap the web server mounts.
func createWebObjects(namespace: String, client: KubeClient) async throws {
    _ = try await client.create(
        Secret(metadata: ObjectMeta(name: "credentials", namespace: namespace), data: ["password": Data("not-a-real-password".utf8)]))
    _ = try await client.create(
        ConfigMap(metadata: ObjectMeta(name: "settings", namespace: namespace), data: ["app.conf": "listen=all\n", "MODE": "dev"]))
}

@Suite("dev runtime pods")
struct PodRunnerTests {
    @Test("a pod runs with its Secret and ConfigMap at paths the host lacks, its env resolved, and turns Ready")
    func podRunsWithVolumesAndEnvironment() async throws {
        let server = try await Envtest.shared()
        try await server.withNamespace { namespace, client in
            try await createWebObjects(namespace: namespace, client: client)
            try await DevNodeHarness.with(client: client, namespace: namespace) { node in
                _ = try await client.create(node.pod("web", namespace: namespace, containers: [webContainer()], volumes: webVolumes))
                let pod = try await node.waitForPod("web", namespace: namespace, "to turn Ready") { $0.isReady }
                let ip = try #require(pod.status?.podIP)
                let prefix = node.options.podCIDR.split(separator: ".").prefix(3).joined(separator: ".") + "."
                #expect(ip.hasPrefix(prefix))
                #expect(pod.status?.phase == "Running")

                #expect(try await httpGet("http://\(ip):8080/secret/password").body == "not-a-real-password")
                #expect(try await httpGet("http://\(ip):8080/config/conf/app.conf").body == "listen=all\n")
                #expect(try await httpGet("http://\(ip):8080/mode.txt").body == "dev")
                #expect(try await httpGet("http://\(ip):8080/env/vars").body == "web \(namespace) \(ip) hello-web dev")
                #expect(!FileManager.default.fileExists(atPath: "/etc/devruntime-test"), "the host's /etc is unchanged")

                let uid = try #require(pod.metadata.uid)
                let log = "\(node.podDirectory(uid: uid))/logs/web.log"
                #expect(FileManager.default.fileExists(atPath: log), "container output goes to its log file")
            }
        }
    }

    @Test("a container that exits is restarted and its restarts are counted")
    func exitingContainerRestarts() async throws {
        let server = try await Envtest.shared()
        try await server.withNamespace { namespace, client in
            try await DevNodeHarness.with(client: client, namespace: namespace) { node in
                let container = Container(name: "crash", image: "example.test/sh:latest", command: ["sh", "-c", "echo started; exit 3"])
                _ = try await client.create(node.pod("crash", namespace: namespace, containers: [container]))
                let pod = try await node.waitForPod("crash", namespace: namespace, "to be restarted twice") {
                    ($0.status?.containerStatuses?.first?.restartCount ?? 0) >= 2
                }
                let status = try #require(pod.status?.containerStatuses?.first)
                #expect(status.lastState?[path: ["terminated", "exitCode"]]?.intValue == 3)
                let log = try String(contentsOfFile: "\(node.podDirectory(uid: pod.metadata.uid ?? ""))/logs/crash.log", encoding: .utf8)
                #expect(log.components(separatedBy: "started").count - 1 >= 2)
            }
        }
    }

    @Test("an image mapped to no executable leaves the container waiting with ErrImagePull naming the image")
    func unknownImageWaits() async throws {
        let server = try await Envtest.shared()
        try await server.withNamespace { namespace, client in
            try await DevNodeHarness.with(client: client, namespace: namespace) { node in
                let container = Container(name: "app", image: "registry.example.test/unknown/app:v9")
                _ = try await client.create(node.pod("unknown", namespace: namespace, containers: [container]))
                let pod = try await node.waitForPod("unknown", namespace: namespace, "to report ErrImagePull") {
                    $0.status?.containerStatuses?.first?.state?[path: ["waiting", "reason"]]?.stringValue == "ErrImagePull"
                }
                let message = pod.status?.containerStatuses?.first?.state?[path: ["waiting", "message"]]?.stringValue ?? ""
                #expect(message.contains("registry.example.test/unknown/app:v9"))
                #expect(pod.status?.phase == "Pending")
            }
        }
    }

    @Test("a pod with a PersistentVolumeClaim is refused with a reason naming it")
    func persistentVolumeClaimRefused() async throws {
        let server = try await Envtest.shared()
        try await server.withNamespace { namespace, client in
            try await DevNodeHarness.with(client: client, namespace: namespace) { node in
                let container = Container(name: "app", image: "example.test/sh:1", command: ["sh", "-c", "sleep 60"])
                _ = try await client.create(
                    node.pod("claim", namespace: namespace, containers: [container], volumes: [Volume(name: "data", persistentVolumeClaim: ["claimName": "data"])]))
                try await eventually("pod claim to report FailedMount naming the claim volume") {
                    let raw = try await client.get(UnstructuredObject.self, resource: Pod.resource, name: "claim", namespace: namespace)
                    return raw["status"]?["reason"]?.stringValue == "FailedMount"
                        && raw["status"]?["message"]?.stringValue?.contains("volume data: PersistentVolumeClaims") == true
                        && raw["status"]?["phase"]?.stringValue == "Pending"
                }
            }
        }
    }

    @Test("deleting a pod stops its process and removes the pod, its network namespace, veth and directory")
    func deletionCleansUp() async throws {
        let server = try await Envtest.shared()
        try await server.withNamespace { namespace, client in
            try await DevNodeHarness.with(client: client, namespace: namespace) { node in
                let container = Container(name: "sleeper", image: "example.test/sh:1", command: ["sh", "-c", "exec sleep 600"])
                var pod = node.pod("sleeper", namespace: namespace, containers: [container])
                // A grace period longer than the wait below: only SIGTERM can end it in time.
                pod.spec?.terminationGracePeriodSeconds = 120
                _ = try await client.create(pod)
                let running = try await node.waitForPod("sleeper", namespace: namespace, "to run") { $0.firstContainerPID != nil && $0.isReady }
                let pid = try #require(running.firstContainerPID)
                let uid = try #require(running.metadata.uid)
                let veth = DevNodeHarness.veth(uid: uid)
                #expect(kill(pid, 0) == 0)
                #expect(try hostStatus("/usr/sbin/ip", ["link", "show", "dev", veth]) == 0)
                #expect(FileManager.default.fileExists(atPath: "\(node.podDirectory(uid: uid))/netns"))

                try await client.delete(Pod.self, name: "sleeper", namespace: namespace)
                try await eventually("pod sleeper to be deleted") {
                    do {
                        _ = try await client.get(Pod.self, name: "sleeper", namespace: namespace)
                        return false
                    } catch let error as KubeError where error.code == .notFound {
                        return true
                    }
                }
                #expect(kill(pid, 0) != 0, "the container process is gone")
                #expect(try hostStatus("/usr/sbin/ip", ["link", "show", "dev", veth]) != 0, "the veth is gone")
                #expect(!FileManager.default.fileExists(atPath: node.podDirectory(uid: uid)), "the pod directory is gone")
                let mounts = try String(contentsOfFile: "/proc/self/mountinfo", encoding: .utf8)
                #expect(!mounts.contains(node.podDirectory(uid: uid)), "the network namespace is unmounted")
            }
        }
    }
}
