@testable import DevRuntime
import Testing

@Suite("dev runtime rules")
struct PureTests {
    @Test(
        "images resolve by glob over the written and the normalised reference",
        arguments: [
            ("registry.k8s.io/kube-apiserver:v1.31.2", "/opt/kube-apiserver"),
            ("quay.io/coreos/etcd:v3.5.0", "/usr/bin/etcd"),
            ("etcd", "/usr/bin/etcd"),
            ("registry.k8s.io/kube-scheduler:v1.31.2", nil),
        ] as [(String, String?)])
    func imageResolution(image: String, expected: String?) {
        let resolver = ImageResolver([
            .init("registry.k8s.io/kube-apiserver:*", executable: "/opt/kube-apiserver"),
            .init("*/etcd:*", executable: "/usr/bin/etcd"),
        ])
        #expect(resolver.executable(for: image) == expected)
    }

    @Test(
        "$(NAME) references expand as Kubernetes expands them",
        arguments: [
            ("--name=$(POD)", "--name=web"),
            ("$(POD)-$(MISSING)", "web-$(MISSING)"),
            ("$$(POD)", "$(POD)"),
            ("cost $5", "cost $5"),
            ("$(POD", "$(POD"),
        ])
    func expansion(text: String, expected: String) {
        #expect(ContainerEnvironment.expand(text, with: ["POD": "web"]) == expected)
    }

    @Test("a mount path missing on the host is placed in an overlay of its nearest existing ancestor")
    func mountPlanOverlays() throws {
        let container = Container(
            name: "c", image: "x",
            volumeMounts: [
                VolumeMount(name: "a", mountPath: "/etc/devruntime-plan/pki"),
                VolumeMount(name: "b", mountPath: "/etc/devruntime-plan/pki/etcd"),
                VolumeMount(name: "c", mountPath: "/tmp"),
            ])
        let plan = try MountPlan(container: container, volumePaths: ["a": "/tmp", "b": "/tmp", "c": "/tmp"])
        #expect(plan.overlays == ["/etc"])
        #expect(plan.binds.map(\.target) == ["/tmp", "/etc/devruntime-plan/pki", "/etc/devruntime-plan/pki/etcd"])
    }

    @Test("a mount path whose top-level directory the host lacks is refused with a reason")
    func mountPlanRefusesRoot() {
        let container = Container(name: "c", image: "x", volumeMounts: [VolumeMount(name: "a", mountPath: "/devruntime-missing/data")])
        #expect(throws: DevRuntimeError.self) { try MountPlan(container: container, volumePaths: ["a": "/tmp"]) }
    }
}
