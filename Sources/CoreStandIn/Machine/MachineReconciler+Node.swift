import ClusterAPI
import Foundation
import KubeKit

extension MachineReconciler {
    /// Core `v1` Nodes.
    static let nodes = ResourceDescriptor(group: "", version: "v1", kind: "Node", plural: "nodes", namespaced: false)

    /// Finds the Node whose `spec.providerID` is the Machine's in the hosted cluster, sets
    /// `status.nodeRef`, annotates the Node with its Cluster and Machine, and reports `NodeReady`
    /// and `NodeHealthy` from the Node's `Ready` condition. Waits (re-looking every
    /// `nodePollInterval`) while the kubeconfig or the Node does not exist yet.
    func reconcileNode(_ machine: inout Machine, cluster: Cluster) async throws -> ReconcileResult {
        guard let providerID = machine.spec.providerID, machine.status?.initialization?.infrastructureProvisioned == true else {
            machine.setCondition("NodeHealthy", .unknown, reason: "NodeDoesNotExist", message: "waiting for the infrastructure to report a providerID")
            machine.setCondition("NodeReady", .unknown, reason: "NodeDoesNotExist", message: "waiting for the infrastructure to report a providerID")
            return .done
        }
        let hosted: KubeClient
        do {
            hosted = try await hostedClusters.client(forCluster: cluster.metadata.name ?? "", namespace: machine.metadata.namespace ?? "")
        } catch let error as HostedClusterError {
            machine.setCondition("NodeHealthy", .unknown, reason: "NodeInspectionFailed", message: "\(error)")
            machine.setCondition("NodeReady", .unknown, reason: "NodeInspectionFailed", message: "\(error)")
            return .requeue(after: nodePollInterval)
        }
        let nodes: [UnstructuredObject]
        do {
            nodes = try await hosted.listAll(UnstructuredObject.self, resource: Self.nodes).items
        } catch {
            machine.setCondition("NodeHealthy", .unknown, reason: "NodeInspectionFailed", message: "cannot list the Nodes of the hosted cluster: \(error)")
            machine.setCondition("NodeReady", .unknown, reason: "NodeInspectionFailed", message: "cannot list the Nodes of the hosted cluster")
            throw error
        }
        guard var node = nodes.first(where: { $0["spec"]?["providerID"]?.stringValue == providerID }) else {
            if let nodeRef = machine.status?.nodeRef {
                machine.setCondition("NodeHealthy", .false, reason: "NodeDeleted", message: "Node \(nodeRef.name) has been deleted")
                machine.setCondition("NodeReady", .false, reason: "NodeDeleted", message: "Node \(nodeRef.name) has been deleted")
            } else {
                machine.setCondition("NodeHealthy", .unknown, reason: "NodeDoesNotExist", message: "waiting for a Node with spec.providerID \(providerID)")
                machine.setCondition("NodeReady", .unknown, reason: "NodeDoesNotExist", message: "waiting for a Node with spec.providerID \(providerID)")
            }
            return .requeue(after: nodePollInterval)
        }
        let nodeName = node.metadata.name ?? ""
        var status = machine.status ?? MachineStatus()
        status.nodeRef = MachineStatus.NodeReference(name: nodeName)
        if let info = node["status"]?["nodeInfo"], let decoded = try? JSONCoding.decoder.decode(NodeSystemInfo.self, from: JSONCoding.encoder.encode(info)) {
            status.nodeInfo = decoded
        }
        machine.status = status
        node = try await annotate(node, of: machine, client: hosted)
        let ready = node["status"]?["conditions"]?.arrayValue?.first { $0["type"]?.stringValue == "Ready" }
        switch ready?["status"]?.stringValue {
        case "True":
            machine.setCondition("NodeReady", .true, reason: "NodeReady")
            machine.setCondition("NodeHealthy", .true, reason: "NodeHealthy")
        case "False":
            let message = "Node \(nodeName) is not ready: \(ready?["message"]?.stringValue ?? "")"
            machine.setCondition("NodeReady", .false, reason: "NodeNotReady", message: message)
            machine.setCondition("NodeHealthy", .false, reason: "NodeNotHealthy", message: message)
        default:
            machine.setCondition("NodeReady", .unknown, reason: "NodeReadyUnknown", message: "Node \(nodeName) reports no Ready condition yet")
            machine.setCondition("NodeHealthy", .unknown, reason: "NodeHealthUnknown", message: "Node \(nodeName) reports no Ready condition yet")
        }
        return .requeue(after: nodePollInterval)
    }

    /// Gives the Node CAPI's annotations naming its Cluster and Machine, when missing.
    private func annotate(_ node: UnstructuredObject, of machine: Machine, client hosted: KubeClient) async throws -> UnstructuredObject {
        let wanted = [
            CoreNames.nodeClusterNameAnnotation: machine.spec.clusterName,
            CoreNames.nodeClusterNamespaceAnnotation: machine.metadata.namespace ?? "",
            CoreNames.nodeMachineAnnotation: machine.metadata.name ?? "",
        ]
        let current = node.metadata.annotations ?? [:]
        guard wanted.contains(where: { current[$0.key] != $0.value }) else { return node }
        return try await hosted.patch(
            UnstructuredObject.self, resource: Self.nodes, name: node.metadata.name ?? "",
            patch: .merge(["metadata": ["annotations": try JSONValue(encoding: wanted)]]))
    }
}
