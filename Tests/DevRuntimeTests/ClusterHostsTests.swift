@testable import DevRuntime
import KubeKit
import Testing

@Suite("dev runtime cluster DNS")
struct ClusterHostsTests {
    static func pod(_ name: String, ip: String?, ready: Bool, labels: [String: String] = ["app": "etcd"], subdomain: String? = "edge-etcd") -> Pod {
        var spec = PodSpec(containers: [])
        spec.hostname = name
        spec.subdomain = subdomain
        var pod = Pod(metadata: ObjectMeta(name: name, namespace: "ns", labels: labels), spec: spec)
        pod.status = PodStatus(podIP: ip, conditions: [PodCondition(type: "Ready", status: ready ? "True" : "False")])
        return pod
    }

    static func service(_ name: String, clusterIP: String, publishNotReady: Bool? = nil) -> Service {
        var spec = Service.Spec(selector: ["app": "etcd"])
        spec.clusterIP = clusterIP
        spec.publishNotReadyAddresses = publishNotReady
        return Service(metadata: ObjectMeta(name: name, namespace: "ns"), spec: spec)
    }

    @Test("a headless Service names its ready pods, and each StatefulSet pod its own name under it; cluster-IP Services and pods elsewhere are left out")
    func headlessRecords() {
        let pods = [
            Self.pod("edge-etcd-0", ip: "10.244.0.2", ready: true),
            Self.pod("edge-etcd-1", ip: "10.244.0.3", ready: false),
            Self.pod("edge-etcd-2", ip: nil, ready: false),
            Self.pod("web", ip: "10.244.0.9", ready: true, labels: ["app": "web"], subdomain: nil),
        ]
        let text = ClusterHosts.render(pods: pods, services: [Self.service("edge-etcd", clusterIP: "None"), Self.service("edge-api", clusterIP: "10.0.0.7")])
        let lines = text.split(separator: "\n").map(String.init)
        #expect(lines.contains("127.0.0.1 localhost"))
        #expect(lines.contains("10.244.0.2 edge-etcd.ns.svc.cluster.local edge-etcd.ns.svc"))
        #expect(lines.contains("10.244.0.2 edge-etcd-0.edge-etcd.ns.svc.cluster.local edge-etcd-0.edge-etcd.ns.svc"))
        #expect(!text.contains("10.244.0.3"), "a pod not ready is not published")
        #expect(!text.contains("10.0.0.7") && !text.contains("edge-api"), "no service proxy runs: cluster IPs are not named")
        #expect(!text.contains("10.244.0.9"))
    }

    @Test("with publishNotReadyAddresses, peers that are not ready yet resolve, as StatefulSet members need to find each other")
    func notReadyPublished() {
        let pods = [Self.pod("edge-etcd-0", ip: "10.244.0.2", ready: true), Self.pod("edge-etcd-1", ip: "10.244.0.3", ready: false)]
        let text = ClusterHosts.render(pods: pods, services: [Self.service("edge-etcd", clusterIP: "None", publishNotReady: true)])
        #expect(text.contains("10.244.0.3 edge-etcd-1.edge-etcd.ns.svc.cluster.local edge-etcd-1.edge-etcd.ns.svc"))
        #expect(text.contains("10.244.0.3 edge-etcd.ns.svc.cluster.local"))
    }
}
