/// The Kubernetes rules for label keys and values, which node labels and taints must follow.
enum KubernetesSyntax {
    /// An optional DNS-subdomain prefix and `/`, then a name of at most 63 characters.
    static func isLabelKey(_ key: String) -> Bool {
        let parts = key.split(separator: "/", omittingEmptySubsequences: false)
        switch parts.count {
        case 1: return isLabelName(parts[0])
        case 2: return isDNSSubdomain(parts[0]) && isLabelName(parts[1])
        default: return false
        }
    }

    /// Empty, or a name of at most 63 characters.
    static func isLabelValue(_ value: String) -> Bool {
        value.isEmpty || isLabelName(value[...])
    }

    private static func isLabelName(_ name: Substring) -> Bool {
        name.count <= 63 && name.wholeMatch(of: /[A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?/) != nil
    }

    private static func isDNSSubdomain(_ name: Substring) -> Bool {
        name.count <= 253 && name.wholeMatch(of: /[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*/) != nil
    }
}
