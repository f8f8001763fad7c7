/// The objects of one kind an informer holds, by `namespace/name`, with indexes by namespace,
/// owner UID and label. A value type: what readers get is a copy, never shared mutable state.
public struct ObjectStore<Object: KubeObject>: Sendable {
    private(set) var objects: [String: Object] = [:]
    private var byNamespace: [String: Set<String>] = [:]
    private var byOwner: [String: Set<String>] = [:]
    private var byLabel: [String: Set<String>] = [:]

    public init() {}

    public var count: Int { objects.count }
    public var keys: Dictionary<String, Object>.Keys { objects.keys }

    /// The object `key` (`namespace/name`, or `name` when cluster-scoped).
    public subscript(key: String) -> Object? { objects[key] }

    /// Stores `object` (without its `managedFields`, which no controller reads) and returns the
    /// previous version.
    @discardableResult
    public mutating func insert(_ object: Object) -> Object? {
        var object = object
        object.metadata.managedFields = nil
        let key = object.metadata.key
        let previous = remove(key: key)
        objects[key] = object
        byNamespace[object.metadata.namespace ?? "", default: []].insert(key)
        for owner in object.metadata.ownerReferences ?? [] { byOwner[owner.uid, default: []].insert(key) }
        for (label, value) in object.metadata.labels ?? [:] { byLabel["\(label)=\(value)", default: []].insert(key) }
        return previous
    }

    /// Removes the object `key` and returns it.
    @discardableResult
    public mutating func remove(key: String) -> Object? {
        guard let object = objects.removeValue(forKey: key) else { return nil }
        Self.drop(key, from: &byNamespace, at: object.metadata.namespace ?? "")
        for owner in object.metadata.ownerReferences ?? [] { Self.drop(key, from: &byOwner, at: owner.uid) }
        for (label, value) in object.metadata.labels ?? [:] { Self.drop(key, from: &byLabel, at: "\(label)=\(value)") }
        return object
    }

    /// Objects in `namespace` (all when nil) matching `labelSelector`, sorted by key.
    public func list(namespace: String? = nil, labelSelector: LabelSelector? = nil) -> [Object] {
        var candidates: Set<String>? = namespace.map { byNamespace[$0] ?? [] }
        for requirement in labelSelector?.requirements ?? [] {
            if case .equals(let label, let value) = requirement {
                let matching = byLabel["\(label)=\(value)"] ?? []
                candidates = candidates.map { $0.intersection(matching) } ?? matching
            }
        }
        let keys = candidates.map(Array.init) ?? Array(objects.keys)
        return keys.sorted().compactMap { key in
            guard let object = objects[key] else { return nil }
            if let labelSelector, !labelSelector.matches(object.metadata.labels ?? [:]) { return nil }
            return object
        }
    }

    /// Objects with an owner reference to `uid`, sorted by key.
    public func owned(by uid: String) -> [Object] {
        (byOwner[uid] ?? []).sorted().compactMap { objects[$0] }
    }

    private static func drop(_ key: String, from index: inout [String: Set<String>], at value: String) {
        index[value]?.remove(key)
        if index[value]?.isEmpty == true { index[value] = nil }
    }
}
