import ClusterAPI
import KubeKit

/// Finds where the objects a ``ContractVersionedObjectReference`` points at live, as CAPI does:
/// the CRD named `<lower-case plural of kind>.<group>` carries the contract label
/// `cluster.x-k8s.io/v1beta2`, whose value lists the CRD's versions implementing the v1beta2
/// contract, `_`-separated; the last one listed is used. Answers are cached per group and kind
/// for the life of the process, as CRDs rarely change.
actor ContractResolver {
    private let client: KubeClient
    private var resolved: [String: ResourceDescriptor] = [:]

    /// `apiextensions.k8s.io/v1` CustomResourceDefinitions.
    static let customResourceDefinitions = ResourceDescriptor(
        group: "apiextensions.k8s.io", version: "v1", kind: "CustomResourceDefinition",
        plural: "customresourcedefinitions", namespaced: false)

    init(client: KubeClient) {
        self.client = client
    }

    /// The resource of `reference`'s group and kind, in the version its CRD's contract label names.
    func resource(for reference: ContractVersionedObjectReference) async throws -> ResourceDescriptor {
        try await resource(group: reference.apiGroup, kind: reference.kind)
    }

    /// The resource of `group` and `kind`, in the version the contract label names.
    func resource(group: String, kind: String) async throws -> ResourceDescriptor {
        let crdName = Self.crdName(group: group, kind: kind)
        if let known = resolved[crdName] { return known }
        let crd: UnstructuredObject
        do {
            crd = try await client.get(UnstructuredObject.self, resource: Self.customResourceDefinitions, name: crdName)
        } catch let error as KubeError where error.code == .notFound {
            throw ContractError.definitionMissing(crd: crdName)
        }
        guard let label = crd.metadata.labels?[ClusterAPIGroup.contractVersionLabel], !label.isEmpty else {
            throw ContractError.contractLabelMissing(crd: crdName, label: ClusterAPIGroup.contractVersionLabel)
        }
        let version = String(label.split(separator: "_").last ?? "")
        let served = crd["spec"]?["versions"]?.arrayValue?.filter { $0["served"]?.boolValue == true }
            .compactMap { $0["name"]?.stringValue } ?? []
        guard served.contains(version) else {
            throw ContractError.versionNotServed(crd: crdName, version: version)
        }
        let plural = crd["spec"]?["names"]?["plural"]?.stringValue ?? Self.plural(of: kind)
        let namespaced = crd["spec"]?["scope"]?.stringValue != "Cluster"
        let resource = ResourceDescriptor(group: group, version: version, kind: kind, plural: plural, namespaced: namespaced)
        resolved[crdName] = resource
        return resource
    }

    /// `<plural>.<group>`, CAPI's `contract.CalculateCRDName`.
    static func crdName(group: String, kind: String) -> String { "\(plural(of: kind)).\(group)" }

    /// The lower-case English plural of a kind, as CAPI computes it (`flect.Pluralize`) for the
    /// regular cases kinds use: `-s`/`-x`/`-ch`/`-sh` take `-es`, consonant + `y` takes `-ies`.
    static func plural(of kind: String) -> String {
        let lower = kind.lowercased()
        if ["s", "x", "ch", "sh"].contains(where: lower.hasSuffix) { return lower + "es" }
        if lower.hasSuffix("y"), let before = lower.dropLast().last, !"aeiou".contains(before) {
            return lower.dropLast() + "ies"
        }
        return lower + "s"
    }
}

/// Why a referenced object's kind cannot be used under the v1beta2 contract.
enum ContractError: Error, Sendable, Hashable, CustomStringConvertible {
    /// No CRD of that name: the provider is not installed or the reference is misspelt.
    case definitionMissing(crd: String)
    /// The CRD lacks the contract label, so no version of it implements the contract.
    case contractLabelMissing(crd: String, label: String)
    /// The label names a version the CRD does not serve.
    case versionNotServed(crd: String, version: String)

    var description: String {
        switch self {
        case .definitionMissing(let crd):
            return "the CustomResourceDefinition \(crd) does not exist"
        case .contractLabelMissing(let crd, let label):
            return "the CustomResourceDefinition \(crd) has no \(label) label naming its contract version"
        case .versionNotServed(let crd, let version):
            return "the CustomResourceDefinition \(crd) does not serve version '\(version)' its contract label names"
        }
    }
}
