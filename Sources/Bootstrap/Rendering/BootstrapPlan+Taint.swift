extension BootstrapPlan {
    /// A taint the node registers with, as in a Node's `spec.taints`.
    public struct Taint: Sendable, Hashable {
        /// A label-style key (`example.com/dedicated`).
        public var key: String
        /// A label-style value; `nil` for a taint without one.
        public var value: String?
        /// `NoSchedule`, `PreferNoSchedule` or `NoExecute`.
        public var effect: String

        public init(key: String, value: String? = nil, effect: String) {
            self.key = key
            self.value = value
            self.effect = effect
        }
    }
}
