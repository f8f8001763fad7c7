/// A kind Mothership defines: its Swift type plus the description its CustomResourceDefinition
/// is generated from, kept next to the type so the two cannot drift apart unnoticed (tests
/// compare them).
public protocol CustomResource: KubeResource {
    static var definition: CustomResourceDescription { get }
}

/// What a CRD says beyond the Swift type's ``ResourceDescriptor``: schema, subresources,
/// columns and names.
public struct CustomResourceDescription: Sendable {
    /// What the kind is for, shown by `kubectl explain`.
    public var description: String
    /// The schema of `spec`.
    public var spec: OpenAPISchema
    /// The schema of `status`, served as the `status` subresource; nil: no status.
    public var status: OpenAPISchema?
    /// The `scale` subresource (`kubectl scale`, autoscalers), for kinds with replicas.
    public var scale: ScaleSubresource?
    /// Extra columns of `kubectl get`.
    public var printerColumns: [PrinterColumn]
    /// Short names for kubectl, e.g. `wc`.
    public var shortNames: [String]
    /// kubectl categories; `cluster-api` lets `kubectl get cluster-api` list the kind.
    public var categories: [String]
    /// Labels of the CRD object, e.g. the CAPI contract label.
    public var labels: [String: String]

    public init(
        description: String, spec: OpenAPISchema, status: OpenAPISchema? = nil, scale: ScaleSubresource? = nil,
        printerColumns: [PrinterColumn] = [], shortNames: [String] = [], categories: [String] = ["cluster-api"],
        labels: [String: String] = [:]
    ) {
        self.description = description
        self.spec = spec
        self.status = status
        self.scale = scale
        self.printerColumns = printerColumns
        self.shortNames = shortNames
        self.categories = categories
        self.labels = labels
    }
}

/// Where the `scale` subresource reads and writes replicas.
public struct ScaleSubresource: Sendable, Hashable {
    public var specReplicasPath: String
    public var statusReplicasPath: String
    public var labelSelectorPath: String?

    public init(specReplicasPath: String = ".spec.replicas", statusReplicasPath: String = ".status.replicas", labelSelectorPath: String? = ".status.selector") {
        self.specReplicasPath = specReplicasPath
        self.statusReplicasPath = statusReplicasPath
        self.labelSelectorPath = labelSelectorPath
    }
}

/// A column of `kubectl get`.
public struct PrinterColumn: Sendable, Hashable {
    /// `string`, `integer`, `number`, `boolean` or `date`.
    public enum ColumnType: String, Sendable {
        case string, integer, number, boolean, date
    }

    public var name: String
    public var type: ColumnType
    /// A JSONPath into the object, e.g. `.status.phase`.
    public var jsonPath: String
    public var description: String?
    /// 0 shows the column always; higher only with `-o wide`.
    public var priority: Int

    public init(_ name: String, type: ColumnType, jsonPath: String, description: String? = nil, priority: Int = 0) {
        self.name = name
        self.type = type
        self.jsonPath = jsonPath
        self.description = description
        self.priority = priority
    }
}
