/// The Machine a MachineSet or MachineDeployment stamps out (`clusterv1.MachineTemplateSpec`):
/// the labels and annotations for each new Machine, and its spec.
public struct MachineTemplateSpec: Codable, Sendable, Hashable {
    public var metadata: TemplateMetadata?
    public var spec: Machine.Spec

    public init(metadata: TemplateMetadata? = nil, spec: Machine.Spec) {
        self.metadata = metadata
        self.spec = spec
    }
}

/// The labels and annotations a template or a topology puts on the objects made from it
/// (`clusterv1.ObjectMeta`, the part of an object's metadata CAPI propagates).
public struct TemplateMetadata: Codable, Sendable, Hashable {
    public var labels: [String: String]?
    public var annotations: [String: String]?

    public init(labels: [String: String]? = nil, annotations: [String: String]? = nil) {
        self.labels = labels
        self.annotations = annotations
    }
}
