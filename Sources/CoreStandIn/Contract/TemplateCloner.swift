import ClusterAPI
import KubeKit

/// Creates a provider object from its template, as CAPI's `external.CreateFromTemplate` does:
/// the kind is the template's without the `Template` suffix, in the same version; the spec is the
/// template's `spec.template.spec`; labels and annotations are the template's
/// `spec.template.metadata` ones plus the given ones, the cluster-name label and the
/// `cluster.x-k8s.io/cloned-from-name` / `-groupkind` annotations.
struct TemplateCloner: Sendable {
    let client: KubeClient
    let resolver: ContractResolver

    /// Annotation naming the template an object was cloned from.
    static let clonedFromNameAnnotation = "cluster.x-k8s.io/cloned-from-name"
    /// Annotation naming the template's `Kind.group`.
    static let clonedFromGroupKindAnnotation = "cluster.x-k8s.io/cloned-from-groupkind"

    /// Clones the template `template` into an object named `name` in `namespace`, owned (not
    /// controlled) by `owner`. An object of that name left by an earlier attempt is reused.
    /// Returns the reference to the new object.
    func clone<Owner: KubeResource>(
        _ template: ContractVersionedObjectReference, name: String, namespace: String, clusterName: String,
        labels: [String: String], annotations: [String: String], owner: Owner
    ) async throws -> ContractVersionedObjectReference {
        let templateResource = try await resolver.resource(for: template)
        let source: UnstructuredObject
        do {
            source = try await client.get(UnstructuredObject.self, resource: templateResource, name: template.name, namespace: namespace)
        } catch let error as KubeError where error.code == .notFound {
            throw CloneError.templateMissing(kind: template.kind, name: "\(namespace)/\(template.name)")
        }
        guard template.kind.hasSuffix("Template"), template.kind.count > "Template".count else {
            throw CloneError.notATemplate(kind: template.kind)
        }
        let kind = String(template.kind.dropLast("Template".count))
        let reference = ContractVersionedObjectReference(apiGroup: template.apiGroup, kind: kind, name: name)
        let resource = try await resolver.resource(for: reference)
        let templateMetadata = source["spec"]?["template"]?["metadata"]
        var objectLabels = Self.strings(templateMetadata?["labels"])
        objectLabels.merge(labels) { _, new in new }
        objectLabels[ClusterAPIGroup.clusterNameLabel] = clusterName
        var objectAnnotations = Self.strings(templateMetadata?["annotations"])
        objectAnnotations.merge(annotations) { _, new in new }
        objectAnnotations[Self.clonedFromNameAnnotation] = template.name
        objectAnnotations[Self.clonedFromGroupKindAnnotation] = "\(template.kind).\(template.apiGroup)"
        var ownerReference = OwnerReference(controllerOf: owner)
        ownerReference.controller = nil
        ownerReference.blockOwnerDeletion = nil
        let object = UnstructuredObject(
            apiVersion: source.apiVersion ?? templateResource.apiVersion, kind: kind,
            metadata: ObjectMeta(
                name: name, namespace: namespace, labels: objectLabels, annotations: objectAnnotations,
                ownerReferences: [ownerReference]),
            content: ["spec": source["spec"]?["template"]?["spec"] ?? [:]])
        do {
            _ = try await client.create(object, resource: resource)
        } catch let error as KubeError where error.code == .alreadyExists {
            return reference
        }
        return reference
    }

    private static func strings(_ value: JSONValue?) -> [String: String] {
        (value?.objectValue ?? [:]).compactMapValues(\.stringValue)
    }
}

/// Why a provider object cannot be cloned from its template.
enum CloneError: Error, Sendable, Hashable, CustomStringConvertible {
    case templateMissing(kind: String, name: String)
    case notATemplate(kind: String)

    var description: String {
        switch self {
        case .templateMissing(let kind, let name): return "the \(kind) \(name) does not exist"
        case .notATemplate(let kind): return "\(kind) is not a template kind (its name must end in 'Template')"
        }
    }
}
