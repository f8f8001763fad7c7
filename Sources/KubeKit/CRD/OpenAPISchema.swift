/// A structural OpenAPI v3 schema, as a CustomResourceDefinition carries for each version:
/// what `kubectl explain` shows and what the API server validates, defaults and prunes.
/// Built with the static constructors and refined with the modifiers, next to the Swift type
/// it describes.
public struct OpenAPISchema: Sendable, Hashable {
    /// The schema as JSON, ready to embed in a CRD.
    public private(set) var json: JSONValue

    public init(json: JSONValue) { self.json = json }

    /// How the API server merges a list under server-side apply.
    public enum ListType: String, Sendable {
        /// Replaced whole by each writer.
        case atomic
        /// Unique scalar items, each owned by whoever set it.
        case set
        /// Objects identified by the values of their `mapKeys`, each owned separately.
        case map
    }

    // MARK: constructors

    /// An object with these properties, of which `required` must be set.
    public static func object(_ properties: KeyValuePairs<String, OpenAPISchema>, required: [String] = []) -> OpenAPISchema {
        var json: JSONValue = ["type": "object", "properties": .object(Dictionary(properties.map { ($0.key, $0.value.json) }) { first, _ in first })]
        if !required.isEmpty { json["required"] = .array(required.map { .string($0) }) }
        return OpenAPISchema(json: json)
    }

    /// A string, optionally one of `oneOf` values, matching `pattern`, of bounded length or a
    /// known `format` (e.g. `date-time`, `uri`).
    public static func string(
        enum values: [String]? = nil, pattern: String? = nil, minLength: Int? = nil, maxLength: Int? = nil, format: String? = nil
    ) -> OpenAPISchema {
        var json: JSONValue = ["type": "string"]
        if let values { json["enum"] = .array(values.map { .string($0) }) }
        if let pattern { json["pattern"] = .string(pattern) }
        if let minLength { json["minLength"] = .int(Int64(minLength)) }
        if let maxLength { json["maxLength"] = .int(Int64(maxLength)) }
        if let format { json["format"] = .string(format) }
        return OpenAPISchema(json: json)
    }

    /// An integer (`int32` unless `format` says `int64`) within `minimum`…`maximum`.
    public static func integer(minimum: Int64? = nil, maximum: Int64? = nil, format: String = "int32") -> OpenAPISchema {
        var json: JSONValue = ["type": "integer", "format": .string(format)]
        if let minimum { json["minimum"] = .int(minimum) }
        if let maximum { json["maximum"] = .int(maximum) }
        return OpenAPISchema(json: json)
    }

    /// `true` or `false`.
    public static var boolean: OpenAPISchema { OpenAPISchema(json: ["type": "boolean"]) }

    /// A timestamp (RFC 3339).
    public static var dateTime: OpenAPISchema { string(format: "date-time") }

    /// A list of `items`; with `.map`, `mapKeys` name the fields that identify an item.
    public static func array(
        of items: OpenAPISchema, listType: ListType = .atomic, mapKeys: [String] = [], minItems: Int? = nil, maxItems: Int? = nil
    ) -> OpenAPISchema {
        var json: JSONValue = ["type": "array", "items": items.json, "x-kubernetes-list-type": .string(listType.rawValue)]
        if listType == .map { json["x-kubernetes-list-map-keys"] = .array(mapKeys.map { .string($0) }) }
        if let minItems { json["minItems"] = .int(Int64(minItems)) }
        if let maxItems { json["maxItems"] = .int(Int64(maxItems)) }
        return OpenAPISchema(json: json)
    }

    /// A map from string keys to `values`.
    public static func map(of values: OpenAPISchema) -> OpenAPISchema {
        OpenAPISchema(json: ["type": "object", "additionalProperties": values.json])
    }

    /// An integer or a string such as `25%` (`intstr.IntOrString`).
    public static var intOrString: OpenAPISchema { OpenAPISchema(json: ["x-kubernetes-int-or-string": true]) }

    /// An object whose fields are not checked or pruned (free-form configuration).
    public static var freeForm: OpenAPISchema { OpenAPISchema(json: ["type": "object", "x-kubernetes-preserve-unknown-fields": true]) }

    /// The v1beta2 conditions list (`metav1.Condition`), one per `type`.
    public static var conditions: OpenAPISchema {
        array(
            of: object(
                [
                    "type": string(pattern: "^([a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*/)?(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])$", maxLength: 316)
                        .description("The aspect of the object's state, in CamelCase, e.g. Ready."),
                    "status": string(enum: ["True", "False", "Unknown"]).description("True, False or Unknown."),
                    "reason": string(pattern: "^[A-Za-z]([A-Za-z0-9_,:]*[A-Za-z0-9_])?$", minLength: 1, maxLength: 1024)
                        .description("A CamelCase reason for the status."),
                    "message": string(maxLength: 32768).description("Human-readable details."),
                    "lastTransitionTime": dateTime.description("When the status last changed."),
                    "observedGeneration": integer(minimum: 0, format: "int64")
                        .description("The metadata.generation the condition was computed for."),
                ],
                required: ["type", "status", "lastTransitionTime", "reason", "message"]),
            listType: .map, mapKeys: ["type"], maxItems: 32
        ).description("The latest observations of the object's state (v1beta2 conditions).")
    }

    // MARK: modifiers

    /// With a description, shown by `kubectl explain`.
    public func description(_ text: String) -> OpenAPISchema { with("description", .string(text)) }

    /// With a default the API server fills in when the field is missing.
    public func defaultValue(_ value: JSONValue) -> OpenAPISchema { with("default", value) }

    /// With an example value: documentation, and the value tests use for a field a pattern
    /// constrains.
    public func example(_ value: JSONValue) -> OpenAPISchema { with("example", value) }

    private func with(_ key: String, _ value: JSONValue) -> OpenAPISchema {
        var copy = self
        copy.json[key] = value
        return copy
    }
}
