import KubeKit

/// A Service (`v1/Service`), with the fields the load balancer reads. Its status is written as a
/// patch, so nothing unmodelled is lost.
struct Service: KubeResource, Hashable {
    static let resource = ResourceDescriptor(group: "", version: "v1", kind: "Service", plural: "services", namespaced: true)

    struct Port: Codable, Sendable, Hashable {
        var name: String?
        var `protocol`: String?
        var port: Int32
        /// A container port number or name; default: `port`.
        var targetPort: IntOrString?

        init(name: String? = nil, port: Int32, targetPort: IntOrString? = nil) {
            self.name = name
            self.port = port
            self.targetPort = targetPort
        }
    }

    struct Spec: Codable, Sendable, Hashable {
        /// `ClusterIP` (default), `NodePort`, `LoadBalancer` or `ExternalName`.
        var type: String?
        var selector: [String: String]?
        var ports: [Port]?
        /// `None` for a headless Service, whose name resolves to its pods' own addresses.
        var clusterIP: String?
        /// Headless Services: not-ready pods resolve too (StatefulSet peers finding each other).
        var publishNotReadyAddresses: Bool?

        init(type: String? = nil, selector: [String: String]? = nil, ports: [Port]? = nil) {
            self.type = type
            self.selector = selector
            self.ports = ports
        }
    }

    struct Status: Codable, Sendable, Hashable {
        struct LoadBalancer: Codable, Sendable, Hashable {
            struct Ingress: Codable, Sendable, Hashable {
                var ip: String?
                var hostname: String?
            }

            var ingress: [Ingress]?
        }

        var loadBalancer: LoadBalancer?
    }

    var metadata: ObjectMeta
    var spec: Spec?
    var status: Status?

    init(metadata: ObjectMeta, spec: Spec? = nil) {
        self.metadata = metadata
        self.spec = spec
    }
}
