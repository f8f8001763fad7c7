/// The conditions one writer changed between two versions of an object's `status.conditions`,
/// so that they can be replayed onto the newest list without dropping conditions other writers
/// set meanwhile. Conditions are told apart by their `type`.
struct ConditionChanges: Equatable {
    /// Conditions added or changed, by type, in the modified list's order.
    var updated: [JSONValue] = []
    /// Types of conditions removed.
    var removed: [String] = []

    init(from original: [JSONValue], to modified: [JSONValue]) {
        let before = Dictionary(original.compactMap { condition in Self.type(of: condition).map { ($0, condition) } }) { first, _ in first }
        let afterTypes = Set(modified.compactMap(Self.type(of:)))
        updated = modified.filter { condition in
            guard let type = Self.type(of: condition) else { return false }
            return before[type] != condition
        }
        removed = original.compactMap(Self.type(of:)).filter { !afterTypes.contains($0) }
    }

    var isEmpty: Bool { updated.isEmpty && removed.isEmpty }

    /// `latest` with these changes made: removed types dropped, set ones replaced in place or
    /// appended.
    func applied(to latest: [JSONValue]) -> [JSONValue] {
        var result = latest.filter { condition in
            guard let type = Self.type(of: condition) else { return true }
            return !removed.contains(type)
        }
        for condition in updated {
            let type = Self.type(of: condition)
            if let index = result.firstIndex(where: { Self.type(of: $0) == type }) {
                result[index] = condition
            } else {
                result.append(condition)
            }
        }
        return result
    }

    private static func type(of condition: JSONValue) -> String? { condition["type"]?.stringValue }
}
