@testable import DevRuntime
import Foundation
import KubeKit
import KubeKitTesting
import Testing

@Suite("dev runtime node and services")
struct NodeAndServiceTests {
    @Test("the node registers Ready with capacity for a scheduler and renews its Lease")
    func nodeRegistersAndHeartbeats() async throws {
        let server = try await Envtest.shared()
        try await server.withNamespace { namespace, client in
            try await DevNodeHarness.with(client: client, namespace: namespace, addresses: 110...119) { node in
                let registered = try await client.get(Node.self, name: node.nodeName)
                #expect(registered.spec?.podCIDR == node.options.podCIDR)
                #expect(registered.status?.allocatable?["pods"] == "110")
                #expect(registered.status?.allocatable?["cpu"] != nil)
                var firstRenewal: MicroTime?
                try await eventually("the node's Lease to be renewed") {
                    guard let lease = try? await client.get(Lease.self, name: node.nodeName, namespace: "kube-node-lease"),
                        let renewed = lease.spec?.renewTime
                    else { return false }
                    if let firstRenewal { return renewed > firstRenewal }
                    firstRenewal = renewed
                    return false
                }
            }
        }
    }

    @Test("a LoadBalancer Service gets its own loopback address that reaches the ready pod behind it")
    func loadBalancerReachesPod() async throws {
        let server = try await Envtest.shared()
        try await server.withNamespace { namespace, client in
            try await createWebObjects(namespace: namespace, client: client)
            try await DevNodeHarness.with(client: client, namespace: namespace, addresses: 120...129) { node in
                _ = try await client.create(
                    node.pod("web", namespace: namespace, containers: [webContainer()], volumes: webVolumes, labels: ["app": "web"]))
                let port = Int32.random(in: 20000...29999)
                _ = try await client.create(
                    Service(
                        metadata: ObjectMeta(name: "web", namespace: namespace),
                        spec: .init(type: "LoadBalancer", selector: ["app": "web"], ports: [.init(name: "http", port: port, targetPort: "http")])))
                _ = try await client.create(
                    Service(
                        metadata: ObjectMeta(name: "other", namespace: namespace),
                        spec: .init(type: "LoadBalancer", selector: ["app": "none"], ports: [.init(port: port)])))
                var address = ""
                try await eventually("the service to get a load balancer address") {
                    let service = try await client.get(Service.self, name: "web", namespace: namespace)
                    address = service.status?.loadBalancer?.ingress?.first?.ip ?? ""
                    return !address.isEmpty
                }
                #expect((120...129).map { "127.0.0.\($0)" }.contains(address))
                var other = ""
                try await eventually("the second service to get an address") {
                    other = try await client.get(Service.self, name: "other", namespace: namespace).status?.loadBalancer?.ingress?.first?.ip ?? ""
                    return !other.isEmpty
                }
                #expect(other != address, "each service has an address of its own")

                try await node.waitForPod("web", namespace: namespace, "to turn Ready") { $0.isReady }
                var reply: (status: Int, body: String)?
                try await eventually("the load balancer to reach the pod") {
                    reply = try? await httpGet("http://\(address):\(port)/config/conf/app.conf")
                    return reply?.status == 200
                }
                #expect(reply?.body == "listen=all\n")

                try await client.delete(Service.self, name: "web", namespace: namespace)
                try await eventually("the address to be released") {
                    (try? await httpGet("http://\(address):\(port)/config/conf/app.conf")) == nil
                }
            }
        }
    }

    @Test("stopping the runtime leaves no process, network namespace, veth, bridge, mount, Node or Lease behind")
    func shutdownCleansUp() async throws {
        let server = try await Envtest.shared()
        try await server.withNamespace { namespace, client in
            try await createWebObjects(namespace: namespace, client: client)
            let node = try await DevNodeHarness.start(client: client, namespace: namespace, addresses: 130...139)
            var pid: Int32?
            var veth = ""
            do {
                _ = try await client.create(node.pod("web", namespace: namespace, containers: [webContainer()], volumes: webVolumes))
                let pod = try await node.waitForPod("web", namespace: namespace, "to turn Ready") { $0.isReady && $0.firstContainerPID != nil }
                pid = pod.firstContainerPID
                veth = DevNodeHarness.veth(uid: pod.metadata.uid ?? "")
            } catch {
                try? await node.stop()
                throw error
            }
            let state = node.options.stateDirectory
            node.task.cancel()
            try await node.task.value

            #expect(pid.map { kill($0, 0) != 0 } ?? false, "the container process is gone")
            #expect(try hostStatus("/usr/sbin/ip", ["link", "show", "dev", node.options.bridgeName]) != 0, "the bridge is gone")
            #expect(try hostStatus("/usr/sbin/ip", ["link", "show", "dev", veth]) != 0, "the pod's veth is gone")
            let mounts = try String(contentsOfFile: "/proc/self/mountinfo", encoding: .utf8)
            #expect(!mounts.contains(state), "no mount under the state directory is left")
            #expect(((try? FileManager.default.contentsOfDirectory(atPath: "\(state)/pods")) ?? []).isEmpty, "no pod directory is left")
            await #expect(throws: KubeError.self) { _ = try await client.get(Node.self, name: node.nodeName) }
            await #expect(throws: KubeError.self) { _ = try await client.get(Lease.self, name: node.nodeName, namespace: "kube-node-lease") }
            try? FileManager.default.removeItem(atPath: state)
        }
    }
}
