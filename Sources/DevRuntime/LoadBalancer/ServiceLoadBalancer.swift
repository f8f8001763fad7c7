import Foundation
import KubeKit
import Logging

/// Gives each Service of `type: LoadBalancer` a loopback address of its own from a configured
/// range, reports it as `status.loadBalancer.ingress[0].ip`, and relays TCP connections to each
/// of its ports to the ready Pods its selector picks (their `podIP:targetPort`, round robin).
/// Releases the address when the Service goes or changes type.
actor ServiceLoadBalancer {
    private struct Balanced {
        var address: UInt8
        var ports: [Service.Port]
        var listeners: [TCPProxy.Listener]
    }

    private let client: KubeClient
    private let pods: Informer<Pod>
    private let addresses: ClosedRange<UInt8>
    private let logger: Logger
    private var balanced: [String: Balanced] = [:]
    private var nextEndpoint: [String: Int] = [:]

    init(client: KubeClient, pods: Informer<Pod>, addresses: ClosedRange<UInt8>, logger: Logger) {
        self.client = client
        self.pods = pods
        self.addresses = addresses
        self.logger = logger
    }

    /// Handles one change of a Service.
    func handle(_ event: InformerEvent<Service>) async {
        let service = event.object
        let key = service.metadata.uid ?? service.metadata.key
        let wanted: Bool
        if case .deleted = event { wanted = false } else {
            wanted = service.spec?.type == "LoadBalancer" && service.metadata.deletionTimestamp == nil
        }
        guard wanted else {
            await release(key)
            return
        }
        let ports = (service.spec?.ports ?? []).filter { ($0.protocol ?? "TCP") == "TCP" }
        if let current = balanced[key], current.ports == ports {
            await reportAddress(current.address, of: service)
            return
        }
        let address = balanced[key]?.address ?? allocate(preferred: service.status?.loadBalancer?.ingress?.first?.ip)
        await release(key)
        guard let address else {
            logger.warning("no free loopback address for LoadBalancer service", metadata: ["service": "\(service.metadata.key)"])
            return
        }
        var listeners: [TCPProxy.Listener] = []
        for port in ports {
            let host = "127.0.0.\(address)"
            let namespace = service.metadata.namespace ?? ""
            do {
                listeners.append(
                    try await TCPProxy.listen(address: host, port: Int(port.port), logger: logger) { [weak self] in
                        await self?.endpoint(namespace: namespace, selector: service.spec?.selector ?? [:], port: port, key: key)
                    })
            } catch {
                logger.warning("cannot listen for service", metadata: ["service": "\(service.metadata.key)", "address": "\(host):\(port.port)", "error": "\(error)"])
            }
        }
        balanced[key] = Balanced(address: address, ports: ports, listeners: listeners)
        await reportAddress(address, of: service)
    }

    /// Closes every listener and clears the addresses the Services report.
    func shutdown(services: [Service]) async {
        for service in services {
            let key = service.metadata.uid ?? service.metadata.key
            guard balanced[key] != nil, let name = service.metadata.name else { continue }
            _ = try? await client.patch(
                Service.self, name: name, namespace: service.metadata.namespace,
                patch: .merge(["status": ["loadBalancer": ["ingress": .null]]]), subresource: "status")
        }
        for key in Array(balanced.keys) { await release(key) }
    }

    private func allocate(preferred: String?) -> UInt8? {
        let used = Set(balanced.values.map(\.address))
        if let preferred, preferred.hasPrefix("127.0.0."), let last = UInt8(preferred.dropFirst(8)), addresses.contains(last),
            !used.contains(last)
        {
            return last
        }
        return addresses.first { !used.contains($0) }
    }

    private func release(_ key: String) async {
        guard let current = balanced.removeValue(forKey: key) else { return }
        for listener in current.listeners { await listener.close() }
    }

    private func reportAddress(_ address: UInt8, of service: Service) async {
        let ip = "127.0.0.\(address)"
        guard service.status?.loadBalancer?.ingress?.first?.ip != ip, let name = service.metadata.name else { return }
        do {
            _ = try await client.patch(
                Service.self, name: name, namespace: service.metadata.namespace,
                patch: .merge(["status": ["loadBalancer": ["ingress": [["ip": .string(ip)]]]]]), subresource: "status")
        } catch {
            logger.warning("cannot report load balancer address", metadata: ["service": "\(service.metadata.key)", "error": "\(error)"])
        }
    }

    /// A ready Pod behind the Service and its target port, round robin.
    private func endpoint(namespace: String, selector: [String: String], port: Service.Port, key: String) async -> (String, Int)? {
        guard !selector.isEmpty else { return nil }
        let candidates = await pods.list(namespace: namespace, labelSelector: LabelSelector(selector.map { .equals($0.key, $0.value) }))
        let ready: [(String, Int)] = candidates.compactMap { pod in
            guard pod.metadata.deletionTimestamp == nil, let ip = pod.status?.podIP, !ip.isEmpty,
                pod.status?.conditions?.contains(where: { $0.type == "Ready" && $0.status == "True" }) == true,
                let target = Self.targetPort(port, in: pod)
            else { return nil }
            return (ip, target)
        }
        guard !ready.isEmpty else { return nil }
        let counterKey = "\(key)/\(port.port)"
        let index = (nextEndpoint[counterKey] ?? 0) % ready.count
        nextEndpoint[counterKey] = index + 1
        return ready[index]
    }

    private static func targetPort(_ port: Service.Port, in pod: Pod) -> Int? {
        switch port.targetPort {
        case nil: return Int(port.port)
        case .int(let number): return Int(number)
        case .string(let name):
            if let number = Int(name) { return number }
            let ports = (pod.spec?.containers ?? []).flatMap { $0.ports ?? [] }
            return ports.first { $0.name == name }.map { Int($0.containerPort) }
        }
    }
}
