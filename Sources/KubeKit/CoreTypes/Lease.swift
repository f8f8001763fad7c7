/// A Lease (`coordination.k8s.io/v1`): who holds a lock and until when. Leader election of
/// managers runs on one.
public struct Lease: KubeResource, Hashable {
    public static let resource = ResourceDescriptor(group: "coordination.k8s.io", version: "v1", kind: "Lease", plural: "leases", namespaced: true)

    public struct Spec: Codable, Sendable, Hashable {
        /// The identity of the holder; empty or nil when released.
        public var holderIdentity: String?
        /// How long the holder's claim lasts after `renewTime`.
        public var leaseDurationSeconds: Int32?
        public var acquireTime: MicroTime?
        public var renewTime: MicroTime?
        /// How many times the lease changed holders.
        public var leaseTransitions: Int32?

        public init(
            holderIdentity: String? = nil, leaseDurationSeconds: Int32? = nil, acquireTime: MicroTime? = nil,
            renewTime: MicroTime? = nil, leaseTransitions: Int32? = nil
        ) {
            self.holderIdentity = holderIdentity
            self.leaseDurationSeconds = leaseDurationSeconds
            self.acquireTime = acquireTime
            self.renewTime = renewTime
            self.leaseTransitions = leaseTransitions
        }
    }

    public var metadata: ObjectMeta
    public var spec: Spec?

    public init(metadata: ObjectMeta, spec: Spec? = nil) {
        self.metadata = metadata
        self.spec = spec
    }
}
