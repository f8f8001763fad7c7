/// A label selector as objects store it (`metav1.LabelSelector`), e.g. which Machines a
/// MachineDeployment, MachineSet or MachineHealthCheck is about. All requirements are ANDed; an
/// empty selector matches everything. (``LabelSelector`` is the query form.)
public struct LabelSelectorSpec: Codable, Sendable, Hashable {
    /// Labels that must be present with exactly these values.
    public var matchLabels: [String: String]?
    public var matchExpressions: [Requirement]?

    public init(matchLabels: [String: String]? = nil, matchExpressions: [Requirement]? = nil) {
        self.matchLabels = matchLabels
        self.matchExpressions = matchExpressions
    }

    /// One requirement on one label (`metav1.LabelSelectorRequirement`).
    public struct Requirement: Codable, Sendable, Hashable {
        public var key: String
        /// `In`, `NotIn`, `Exists` or `DoesNotExist`.
        public var `operator`: String
        /// Non-empty for `In` and `NotIn`, empty for `Exists` and `DoesNotExist`.
        public var values: [String]?

        public init(key: String, operator: String, values: [String]? = nil) {
            self.key = key
            self.operator = `operator`
            self.values = values
        }
    }
}
