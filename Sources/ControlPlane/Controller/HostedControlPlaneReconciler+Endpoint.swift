import ClusterAPI
import KubeKit

extension HostedControlPlaneReconciler {
    /// Where clients reach the API server: the explicit `spec.controlPlaneEndpoint`, else the
    /// load balancer's address (nil while it has none), else a node's address with the node
    /// port, else the Service's cluster IP (reachable from the management cluster only).
    func endpoint(of controlPlane: HostedControlPlane, service: UnstructuredObject, manifests: ControlPlaneManifests) async throws -> APIEndpoint? {
        if let explicit = controlPlane.spec.controlPlaneEndpoint, let host = explicit.host, !host.isEmpty, let port = explicit.port, port > 0 {
            return explicit
        }
        let port = manifests.apiServerPort
        switch manifests.serviceType {
        case .loadBalancer:
            let ingress = service["status"]?[path: ["loadBalancer", "ingress"]]?.arrayValue?.first
            guard let host = ingress?["ip"]?.stringValue ?? ingress?["hostname"]?.stringValue else { return nil }
            return APIEndpoint(host: host, port: port)
        case .nodePort:
            let apiPort = service["spec"]?["ports"]?.arrayValue?.first { $0["name"]?.stringValue == "api" }
            guard let nodePort = apiPort?["nodePort"]?.intValue, let address = try await nodeAddress() else {
                throw Failure(
                    condition: ConditionType.serviceAvailable, reason: "NoNodeAddress",
                    message: "the NodePort Service \(service.metadata.key) has no node port or no node has an address")
            }
            return APIEndpoint(host: address, port: Int32(nodePort))
        case .clusterIP:
            guard let clusterIP = service["spec"]?["clusterIP"]?.stringValue, !clusterIP.isEmpty else { return nil }
            return APIEndpoint(host: clusterIP, port: port)
        }
    }

    static let nodes = ResourceDescriptor(group: "", version: "v1", kind: "Node", plural: "nodes", namespaced: false)

    /// A management node's address for a node port: the first node's ExternalIP, else its
    /// InternalIP (nodes sorted by name, so the choice is stable).
    private func nodeAddress() async throws -> String? {
        let nodes = try await client.list(UnstructuredObject.self, resource: Self.nodes).items.sorted { ($0.metadata.name ?? "") < ($1.metadata.name ?? "") }
        for type in ["ExternalIP", "InternalIP"] {
            for node in nodes {
                let addresses = node["status"]?["addresses"]?.arrayValue ?? []
                if let address = addresses.first(where: { $0["type"]?.stringValue == type })?["address"]?.stringValue { return address }
            }
        }
        return nil
    }
}
