import KubeKit

/// One environment variable of a container (`v1.EnvVar`): a literal value (which may refer to
/// earlier variables as `$(NAME)`) or a value taken from the Pod, a Secret or a ConfigMap.
struct EnvVar: Codable, Sendable, Hashable {
    var name: String
    var value: String?
    var valueFrom: EnvVarSource?

    init(name: String, value: String? = nil, valueFrom: EnvVarSource? = nil) {
        self.name = name
        self.value = value
        self.valueFrom = valueFrom
    }
}

/// Where an environment variable's value comes from (`v1.EnvVarSource`).
struct EnvVarSource: Codable, Sendable, Hashable {
    var fieldRef: ObjectFieldSelector?
    var secretKeyRef: KeySelector?
    var configMapKeyRef: KeySelector?
    var resourceFieldRef: JSONValue?

    init(fieldRef: ObjectFieldSelector? = nil, secretKeyRef: KeySelector? = nil, configMapKeyRef: KeySelector? = nil) {
        self.fieldRef = fieldRef
        self.secretKeyRef = secretKeyRef
        self.configMapKeyRef = configMapKeyRef
    }
}

/// A field of the Pod, e.g. `metadata.name` or `status.podIP` (`v1.ObjectFieldSelector`).
struct ObjectFieldSelector: Codable, Sendable, Hashable {
    var fieldPath: String

    init(fieldPath: String) { self.fieldPath = fieldPath }
}

/// One key of a Secret or ConfigMap in the Pod's namespace (`v1.SecretKeySelector`,
/// `v1.ConfigMapKeySelector`).
struct KeySelector: Codable, Sendable, Hashable {
    var name: String
    var key: String
    /// When true, a missing object or key leaves the variable unset instead of failing.
    var optional: Bool?

    init(name: String, key: String, optional: Bool? = nil) {
        self.name = name
        self.key = key
        self.optional = optional
    }
}

/// Every key of a Secret or ConfigMap as environment variables (`v1.EnvFromSource`).
struct EnvFromSource: Codable, Sendable, Hashable {
    struct Reference: Codable, Sendable, Hashable {
        var name: String
        var optional: Bool?

        init(name: String, optional: Bool? = nil) {
            self.name = name
            self.optional = optional
        }
    }

    /// Prepended to every key.
    var prefix: String?
    var configMapRef: Reference?
    var secretRef: Reference?

    init(prefix: String? = nil, configMapRef: Reference? = nil, secretRef: Reference? = nil) {
        self.prefix = prefix
        self.configMapRef = configMapRef
        self.secretRef = secretRef
    }
}
