/// RFC 7386 JSON merge patches computed from two versions of a document.
public enum MergePatch {
    /// The merge patch that turns `original` into `modified`; nil when they are equal. Objects
    /// are diffed key by key (`null` deletes); anything else is replaced whole.
    public static func diff(from original: JSONValue, to modified: JSONValue) -> JSONValue? {
        guard case .object(let old) = original, case .object(let new) = modified else {
            return original == modified ? nil : modified
        }
        var patch: [String: JSONValue] = [:]
        for (key, value) in new {
            if let previous = old[key] {
                if case .object = value, case .object = previous {
                    if let nested = diff(from: previous, to: value) { patch[key] = nested }
                } else if previous != value {
                    patch[key] = value
                }
            } else if value != .null {
                patch[key] = value
            }
        }
        for key in old.keys where new[key] == nil {
            patch[key] = .null
        }
        return patch.isEmpty ? nil : .object(patch)
    }
}
