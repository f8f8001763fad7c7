extension OwnerReference {
    /// A controller reference to `owner`: the object managing the referrer, which garbage
    /// collection deletes along with it.
    public init<Owner: KubeResource>(controllerOf owner: Owner) {
        self.init(
            apiVersion: Owner.resource.apiVersion, kind: Owner.resource.kind, name: owner.metadata.name ?? "",
            uid: owner.metadata.uid ?? "", controller: true, blockOwnerDeletion: true)
    }

    /// Whether this reference points at an object of `resource`'s group and kind (any version).
    public func refers(to resource: ResourceDescriptor) -> Bool {
        kind == resource.kind && group == resource.group
    }

    /// The API group of `apiVersion`; empty for the core group.
    public var group: String {
        guard let slash = apiVersion.firstIndex(of: "/") else { return "" }
        return String(apiVersion[..<slash])
    }
}

extension ObjectMeta {
    /// The owner reference marked `controller`, if any.
    public var controllerReference: OwnerReference? {
        ownerReferences?.first { $0.controller == true }
    }

    /// Makes `owner` this object's controller, replacing any earlier reference to the same
    /// object. Fails when another object already controls this one: an object has one controller.
    public mutating func setControllerReference<Owner: KubeResource>(to owner: Owner) throws(OwnershipError) {
        let reference = OwnerReference(controllerOf: owner)
        if let current = controllerReference, current.uid != reference.uid {
            throw OwnershipError.alreadyControlled(object: key, controller: "\(current.kind) \(current.name)")
        }
        var references = (ownerReferences ?? []).filter { $0.uid != reference.uid }
        references.append(reference)
        ownerReferences = references
    }
}

/// Why an owner reference cannot be set.
public enum OwnershipError: Error, Sendable, Hashable, CustomStringConvertible {
    /// `object` is already controlled by `controller` (kind and name).
    case alreadyControlled(object: String, controller: String)

    public var description: String {
        switch self {
        case .alreadyControlled(let object, let controller):
            return "\(object) is already controlled by \(controller)"
        }
    }
}
