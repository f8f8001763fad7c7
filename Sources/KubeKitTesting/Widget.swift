import KubeKit

/// A small kind for tests of the controller runtime and of CRD generation (group
/// `test.mothership.dev`): a size, a colour, replicas with a `scale` subresource, a set of tags,
/// parts keyed by name, and a status with conditions.
public struct Widget: CustomResource, Hashable {
    public static let resource = ResourceDescriptor(group: "test.mothership.dev", version: "v1", kind: "Widget", plural: "widgets", namespaced: true)

    public var metadata: ObjectMeta
    public var spec: Spec
    public var status: Status?

    public struct Spec: Codable, Sendable, Hashable {
        public var size: Int?
        public var color: Color?
        public var replicas: Int32?
        public var tags: [String]?
        public var parts: [Part]?

        public init(size: Int? = nil, color: Color? = nil, replicas: Int32? = nil, tags: [String]? = nil, parts: [Part]? = nil) {
            self.size = size
            self.color = color
            self.replicas = replicas
            self.tags = tags
            self.parts = parts
        }
    }

    public enum Color: String, Codable, Sendable, Hashable {
        case red, green, blue
    }

    public struct Part: Codable, Sendable, Hashable {
        public var name: String
        public var serial: String?

        public init(name: String, serial: String? = nil) {
            self.name = name
            self.serial = serial
        }
    }

    public struct Status: Codable, Sendable, Hashable {
        public var observedGeneration: Int64?
        public var reconciles: Int?
        public var conditions: [Condition]?
        public var replicas: Int32?
        public var selector: String?

        public init(observedGeneration: Int64? = nil, reconciles: Int? = nil, conditions: [Condition]? = nil, replicas: Int32? = nil, selector: String? = nil) {
            self.observedGeneration = observedGeneration
            self.reconciles = reconciles
            self.conditions = conditions
            self.replicas = replicas
            self.selector = selector
        }
    }

    public init(metadata: ObjectMeta, spec: Spec, status: Status? = nil) {
        self.metadata = metadata
        self.spec = spec
        self.status = status
    }

    /// A Widget `name` in `namespace` of `size`.
    public init(_ name: String, in namespace: String, size: Int = 1) {
        self.init(metadata: ObjectMeta(name: name, namespace: namespace), spec: Spec(size: size))
    }

    public static let definition = CustomResourceDescription(
        description: "A Widget exercises the controller runtime in tests.",
        spec: .object([
            "size": .integer(minimum: 0, maximum: 1000, format: "int64").description("How big, 0 to 1000."),
            "color": .string(enum: ["red", "green", "blue"]).defaultValue("green").description("The colour; green unless set."),
            "replicas": .integer(minimum: 0).description("How many copies."),
            "tags": .array(of: .string(pattern: "^[a-z]+$").example("shiny"), listType: .set).description("Lower-case tags."),
            "parts": .array(
                of: .object(["name": .string(minLength: 1), "serial": .string(maxLength: 16)], required: ["name"]),
                listType: .map, mapKeys: ["name"]
            ).description("Parts, one per name."),
        ]),
        status: .object([
            "observedGeneration": .integer(format: "int64"),
            "reconciles": .integer(format: "int64"),
            "conditions": .conditions,
            "replicas": .integer(),
            "selector": .string(),
        ]),
        scale: ScaleSubresource(),
        printerColumns: [PrinterColumn("Size", type: .integer, jsonPath: ".spec.size"), PrinterColumn("Color", type: .string, jsonPath: ".spec.color")],
        shortNames: ["wdg"], categories: ["mothership-test"])
}
