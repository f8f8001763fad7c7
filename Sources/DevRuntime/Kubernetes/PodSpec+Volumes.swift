import KubeKit

/// A volume of a Pod (`v1.Volume`). Exactly one source is set.
struct Volume: Codable, Sendable, Hashable {
    var name: String
    var secret: SecretVolumeSource?
    var configMap: ConfigMapVolumeSource?
    var emptyDir: JSONValue?
    var downwardAPI: DownwardAPIVolumeSource?
    var projected: ProjectedVolumeSource?
    var hostPath: HostPathVolumeSource?
    var persistentVolumeClaim: JSONValue?

    init(
        name: String, secret: SecretVolumeSource? = nil, configMap: ConfigMapVolumeSource? = nil, emptyDir: JSONValue? = nil,
        downwardAPI: DownwardAPIVolumeSource? = nil, projected: ProjectedVolumeSource? = nil,
        persistentVolumeClaim: JSONValue? = nil
    ) {
        self.name = name
        self.secret = secret
        self.configMap = configMap
        self.emptyDir = emptyDir
        self.downwardAPI = downwardAPI
        self.projected = projected
        self.persistentVolumeClaim = persistentVolumeClaim
    }
}

/// A key of a Secret or ConfigMap placed at a relative path, optionally with its own mode (`v1.KeyToPath`).
struct KeyToPath: Codable, Sendable, Hashable {
    var key: String
    var path: String
    var mode: Int32?

    init(key: String, path: String, mode: Int32? = nil) {
        self.key = key
        self.path = path
        self.mode = mode
    }
}

/// A Secret as files (`v1.SecretVolumeSource`); `defaultMode` defaults to 0644.
struct SecretVolumeSource: Codable, Sendable, Hashable {
    var secretName: String?
    var items: [KeyToPath]?
    var defaultMode: Int32?
    var optional: Bool?

    init(secretName: String, items: [KeyToPath]? = nil, defaultMode: Int32? = nil, optional: Bool? = nil) {
        self.secretName = secretName
        self.items = items
        self.defaultMode = defaultMode
        self.optional = optional
    }
}

/// A ConfigMap as files (`v1.ConfigMapVolumeSource`); `defaultMode` defaults to 0644.
struct ConfigMapVolumeSource: Codable, Sendable, Hashable {
    var name: String?
    var items: [KeyToPath]?
    var defaultMode: Int32?
    var optional: Bool?

    init(name: String, items: [KeyToPath]? = nil, defaultMode: Int32? = nil, optional: Bool? = nil) {
        self.name = name
        self.items = items
        self.defaultMode = defaultMode
        self.optional = optional
    }
}

/// Pod fields as files (`v1.DownwardAPIVolumeSource`).
struct DownwardAPIVolumeSource: Codable, Sendable, Hashable {
    struct File: Codable, Sendable, Hashable {
        var path: String
        var fieldRef: ObjectFieldSelector?
        var resourceFieldRef: JSONValue?
        var mode: Int32?
    }

    var items: [File]?
    var defaultMode: Int32?
}

/// Several sources merged into one directory (`v1.ProjectedVolumeSource`).
struct ProjectedVolumeSource: Codable, Sendable, Hashable {
    struct Projection: Codable, Sendable, Hashable {
        struct ObjectProjection: Codable, Sendable, Hashable {
            var name: String?
            var items: [KeyToPath]?
            var optional: Bool?
        }

        var secret: ObjectProjection?
        var configMap: ObjectProjection?
        var downwardAPI: DownwardAPIVolumeSource?
        var serviceAccountToken: JSONValue?
    }

    var sources: [Projection]?
    var defaultMode: Int32?
}

/// A path of the host (`v1.HostPathVolumeSource`). Only existing paths are used; the runtime
/// never creates anything on the host.
struct HostPathVolumeSource: Codable, Sendable, Hashable {
    var path: String
    var type: String?
}
