import KubeKit

extension LabelSelectorSpec {
    /// The selector in query form: `matchLabels` as equalities plus each `matchExpressions`
    /// requirement; nil for an operator the API does not define.
    var query: LabelSelector? {
        var requirements = (matchLabels ?? [:]).sorted { $0.key < $1.key }.map { LabelSelector.Requirement.equals($0.key, $0.value) }
        for expression in matchExpressions ?? [] {
            switch expression.operator {
            case "In": requirements.append(.in(expression.key, expression.values ?? []))
            case "NotIn": requirements.append(.notIn(expression.key, expression.values ?? []))
            case "Exists": requirements.append(.exists(expression.key))
            case "DoesNotExist": requirements.append(.doesNotExist(expression.key))
            default: return nil
            }
        }
        return LabelSelector(requirements)
    }
}
