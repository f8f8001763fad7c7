import Foundation
import KubeKit
import Logging

/// Keeps this machine registered as a Node, as the kubelet does: creates the Node with its pod
/// CIDR, reports it Ready with its addresses and capacity (so a kube-scheduler places Pods on
/// it), and heartbeats — by renewing its Lease in `kube-node-lease` when the server serves
/// `coordination.k8s.io/v1` leases (found by discovery), else by updating its status.
struct NodeAgent: Sendable {
    let client: KubeClient
    let options: DevNodeOptions
    let internalIP: String
    let logger: Logger

    /// Namespace of node Leases.
    static let leaseNamespace = "kube-node-lease"
    /// How long a Lease holds without renewal, in seconds (the kubelet's default).
    static let leaseDurationSeconds: Int32 = 40
    /// How often status is reported when a Lease carries the heartbeat.
    static let statusReportInterval = Duration.seconds(60)

    /// Creates the Node (or adopts an existing one of that name) and reports its status.
    func register() async throws -> Node {
        var node = Node(metadata: ObjectMeta(name: options.nodeName, labels: labels))
        node.spec = Node.Spec(podCIDR: options.podCIDR, podCIDRs: [options.podCIDR])
        do {
            node = try await client.create(node)
        } catch let error as KubeError where error.code == .alreadyExists {
            node = try await client.get(Node.self, name: options.nodeName)
        }
        try await reportStatus()
        return node
    }

    private var labels: [String: String] {
        [
            "kubernetes.io/hostname": options.nodeName, "kubernetes.io/os": "linux",
            "kubernetes.io/arch": Self.architecture, "node.mothership.dev/dev-runtime": "true",
        ]
    }

    private static var architecture: String {
        #if arch(arm64)
        return "arm64"
        #else
        return "amd64"
        #endif
    }

    /// Heartbeats until cancelled.
    func heartbeat(node: Node) async {
        let useLease = await servesLeases()
        var lastStatus = ContinuousClock.now
        while (try? await Task.sleep(for: options.heartbeatInterval)) != nil {
            do {
                if useLease {
                    try await renewLease(node: node)
                }
                if !useLease || ContinuousClock.now - lastStatus >= Self.statusReportInterval {
                    try await reportStatus()
                    lastStatus = .now
                }
            } catch {
                logger.warning("node heartbeat failed", metadata: ["error": "\(error)"])
            }
        }
    }

    /// Deletes the Node and its Lease.
    func remove() async {
        do {
            try await client.delete(Lease.self, name: options.nodeName, namespace: Self.leaseNamespace)
        } catch {}
        do {
            try await client.delete(Node.self, name: options.nodeName)
        } catch let error as KubeError where error.code == .notFound {
        } catch {
            logger.warning("cannot delete node", metadata: ["error": "\(error)"])
        }
    }

    private func servesLeases() async -> Bool {
        let resources = try? await client.serverResources(forGroupVersion: Lease.resource.apiVersion)
        return resources?.contains { $0.name == Lease.resource.plural } ?? false
    }

    private func renewLease(node: Node) async throws {
        let now = MicroTime(Date())
        do {
            _ = try await client.patch(
                Lease.self, name: options.nodeName, namespace: Self.leaseNamespace,
                patch: .merge(["spec": ["renewTime": .string(RFC3339.formatMicroseconds(now.date)), "holderIdentity": .string(options.nodeName)]]))
        } catch let error as KubeError where error.code == .notFound {
            var metadata = ObjectMeta(name: options.nodeName, namespace: Self.leaseNamespace)
            if let uid = node.metadata.uid {
                metadata.ownerReferences = [OwnerReference(apiVersion: "v1", kind: "Node", name: options.nodeName, uid: uid)]
            }
            _ = try await client.create(
                Lease(
                    metadata: metadata,
                    spec: Lease.Spec(holderIdentity: options.nodeName, leaseDurationSeconds: Self.leaseDurationSeconds, renewTime: now)))
        }
    }

    /// Writes conditions, addresses, capacity and node info through the status subresource.
    func reportStatus() async throws {
        let now = JSONValue.string(RFC3339.format(Date()))
        func condition(_ type: String, _ status: String, _ reason: String, _ message: String) -> JSONValue {
            [
                "type": .string(type), "status": .string(status), "reason": .string(reason), "message": .string(message),
                "lastHeartbeatTime": now, "lastTransitionTime": now,
            ]
        }
        var capacity: [String: JSONValue] = [:]
        for (key, value) in options.capacity ?? Self.hostCapacity { capacity[key] = .string(value) }
        let status: JSONValue = [
            "conditions": [
                condition("MemoryPressure", "False", "KubeletHasSufficientMemory", "dev runtime has sufficient memory available"),
                condition("DiskPressure", "False", "KubeletHasNoDiskPressure", "dev runtime has no disk pressure"),
                condition("PIDPressure", "False", "KubeletHasSufficientPID", "dev runtime has sufficient PID available"),
                condition("Ready", "True", "KubeletReady", "dev runtime is posting ready status"),
            ],
            "addresses": [
                ["type": "InternalIP", "address": .string(internalIP)],
                ["type": "Hostname", "address": .string(options.nodeName)],
            ],
            "capacity": .object(capacity),
            "allocatable": .object(capacity),
            "daemonEndpoints": ["kubeletEndpoint": ["Port": 0]],
            "nodeInfo": [
                "machineID": "", "systemUUID": "", "bootID": "", "kernelVersion": "", "osImage": "mothership dev runtime",
                "containerRuntimeVersion": "devruntime://1", "kubeletVersion": "v0.0.0-devruntime", "kubeProxyVersion": "",
                "operatingSystem": "linux", "architecture": .string(Self.architecture),
            ],
        ]
        _ = try await client.patch(Node.self, name: options.nodeName, patch: .merge(["status": status]), subresource: "status")
    }

    /// This machine's CPUs and memory, 110 pods (the kubelet's default), and the ephemeral
    /// storage the scheduler expects to see.
    static var hostCapacity: [String: String] {
        let memoryKi = ProcessInfo.processInfo.physicalMemory / 1024
        return [
            "cpu": "\(ProcessInfo.processInfo.activeProcessorCount)", "memory": "\(memoryKi)Ki", "pods": "110",
            "ephemeral-storage": "10Gi",
        ]
    }
}
