import KubeKit

extension ControlPlaneManifests {
    /// The Service in front of the control-plane pods: the API port (named `api`) and, for k0s,
    /// konnectivity (`konnectivity`), as ClusterIP, NodePort or LoadBalancer with the spec's
    /// node ports and annotations.
    public func service() -> UnstructuredObject {
        var ports: [JSONValue] = [port("api", apiServerPort, nodePort: spec.service?.apiServerNodePort)]
        if flavor == .k0s { ports.append(port("konnectivity", konnectivityPort, nodePort: spec.service?.konnectivityNodePort)) }
        return UnstructuredObject(
            apiVersion: "v1", kind: "Service", metadata: metadata(controlPlaneName, annotations: spec.service?.annotations),
            content: [
                "spec": [
                    "type": .string(serviceType.rawValue),
                    "selector": Self.labelsJSON(selectorLabels),
                    "ports": .array(ports),
                ]
            ])
    }

    private func port(_ name: String, _ number: Int32, nodePort: Int32?) -> JSONValue {
        var port: JSONValue = ["name": .string(name), "port": .int(Int64(number)), "targetPort": .string(name), "protocol": "TCP"]
        if serviceType != .clusterIP, let nodePort { port["nodePort"] = .int(Int64(nodePort)) }
        return port
    }

    /// The managed etcd's headless Service: stable member names, published before they are ready
    /// so members find each other while the cluster forms.
    public func etcdService() -> UnstructuredObject {
        UnstructuredObject(
            apiVersion: "v1", kind: "Service", metadata: metadata(etcdName),
            content: [
                "spec": [
                    "clusterIP": "None",
                    "publishNotReadyAddresses": true,
                    "selector": Self.labelsJSON(etcdSelectorLabels),
                    "ports": [
                        ["name": "client", "port": 2379, "targetPort": "client", "protocol": "TCP"],
                        ["name": "peer", "port": 2380, "targetPort": "peer", "protocol": "TCP"],
                    ],
                ]
            ])
    }

    /// The PodDisruptionBudget (`policy/v1`) of the control-plane pods: at most one away at a time.
    public func podDisruptionBudget() -> UnstructuredObject {
        UnstructuredObject(
            apiVersion: "policy/v1", kind: "PodDisruptionBudget", metadata: metadata(controlPlaneName),
            content: ["spec": ["maxUnavailable": 1, "selector": ["matchLabels": Self.labelsJSON(selectorLabels)]]])
    }
}
