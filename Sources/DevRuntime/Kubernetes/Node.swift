import KubeKit

/// A Node (`v1/Node`), as the node agent registers it. Only the fields read back are modelled;
/// everything the agent reports is written as a patch.
struct Node: KubeResource, Hashable {
    static let resource = ResourceDescriptor(group: "", version: "v1", kind: "Node", plural: "nodes", namespaced: false)

    struct Spec: Codable, Sendable, Hashable {
        var podCIDR: String?
        var podCIDRs: [String]?
        var providerID: String?
    }

    struct Status: Codable, Sendable, Hashable {
        struct Condition: Codable, Sendable, Hashable {
            var type: String
            var status: String
            var reason: String?
            var lastHeartbeatTime: String?
        }

        var conditions: [Condition]?
        var capacity: [String: String]?
        var allocatable: [String: String]?
    }

    var metadata: ObjectMeta
    var spec: Spec?
    var status: Status?

    init(metadata: ObjectMeta, spec: Spec? = nil) {
        self.metadata = metadata
        self.spec = spec
    }
}
