import Foundation
import KubeKit

/// A Pod (`v1/Pod`), with the fields a node needs to run it. Fields the runtime does not read are
/// not modelled; status is always written as a patch, so nothing unmodelled is lost.
struct Pod: KubeResource, Hashable {
    static let resource = ResourceDescriptor(group: "", version: "v1", kind: "Pod", plural: "pods", namespaced: true)

    var metadata: ObjectMeta
    var spec: PodSpec?
    var status: PodStatus?

    init(metadata: ObjectMeta, spec: PodSpec? = nil, status: PodStatus? = nil) {
        self.metadata = metadata
        self.spec = spec
        self.status = status
    }
}

/// What a Pod runs (`v1.PodSpec`).
struct PodSpec: Codable, Sendable, Hashable {
    var nodeName: String?
    var initContainers: [Container]?
    var containers: [Container]
    var volumes: [Volume]?
    /// `Always` (default), `OnFailure` or `Never`.
    var restartPolicy: String?
    /// Seconds between SIGTERM and SIGKILL when the Pod is deleted. Default 30.
    var terminationGracePeriodSeconds: Int64?
    var serviceAccountName: String?
    var hostNetwork: Bool?
    /// The pod's host name and the headless Service it is named under (StatefulSet pods get
    /// both): together the DNS name `<hostname>.<subdomain>.<namespace>.svc`.
    var hostname: String?
    var subdomain: String?

    init(
        nodeName: String? = nil, initContainers: [Container]? = nil, containers: [Container], volumes: [Volume]? = nil,
        restartPolicy: String? = nil, terminationGracePeriodSeconds: Int64? = nil
    ) {
        self.nodeName = nodeName
        self.initContainers = initContainers
        self.containers = containers
        self.volumes = volumes
        self.restartPolicy = restartPolicy
        self.terminationGracePeriodSeconds = terminationGracePeriodSeconds
    }
}

/// The part of a Pod's status the runtime reads back (its address, to keep it across restarts).
struct PodStatus: Codable, Sendable, Hashable {
    var phase: String?
    var podIP: String?
    var conditions: [PodCondition]?
    var containerStatuses: [ContainerStatus]?
}

/// One Pod condition (`v1.PodCondition`).
struct PodCondition: Codable, Sendable, Hashable {
    var type: String
    var status: String
    var reason: String?
    var message: String?
}

/// What a container is doing, as the Pod's status reports it (`v1.ContainerStatus`), reduced to
/// what callers read back.
struct ContainerStatus: Codable, Sendable, Hashable {
    var name: String
    var ready: Bool
    var restartCount: Int32
    var state: JSONValue?
    var lastState: JSONValue?
    /// `devruntime://<pid>` while the container runs.
    var containerID: String?
}

/// One container of a Pod (`v1.Container`).
struct Container: Codable, Sendable, Hashable {
    var name: String
    var image: String?
    var command: [String]?
    var args: [String]?
    var workingDir: String?
    var env: [EnvVar]?
    var envFrom: [EnvFromSource]?
    var ports: [ContainerPort]?
    var volumeMounts: [VolumeMount]?
    var readinessProbe: Probe?
    var livenessProbe: Probe?
    var startupProbe: Probe?

    init(
        name: String, image: String?, command: [String]? = nil, args: [String]? = nil, env: [EnvVar]? = nil,
        envFrom: [EnvFromSource]? = nil, ports: [ContainerPort]? = nil, volumeMounts: [VolumeMount]? = nil,
        readinessProbe: Probe? = nil, livenessProbe: Probe? = nil, startupProbe: Probe? = nil
    ) {
        self.name = name
        self.image = image
        self.command = command
        self.args = args
        self.env = env
        self.envFrom = envFrom
        self.ports = ports
        self.volumeMounts = volumeMounts
        self.readinessProbe = readinessProbe
        self.livenessProbe = livenessProbe
        self.startupProbe = startupProbe
    }
}

/// A port a container listens on (`v1.ContainerPort`); Services may target it by name.
struct ContainerPort: Codable, Sendable, Hashable {
    var name: String?
    var containerPort: Int32
    var `protocol`: String?

    init(name: String? = nil, containerPort: Int32) {
        self.name = name
        self.containerPort = containerPort
    }
}

/// Where a volume appears in a container (`v1.VolumeMount`).
struct VolumeMount: Codable, Sendable, Hashable {
    var name: String
    var mountPath: String
    /// A file or directory inside the volume to mount instead of its root.
    var subPath: String?
    var readOnly: Bool?

    init(name: String, mountPath: String, subPath: String? = nil, readOnly: Bool? = nil) {
        self.name = name
        self.mountPath = mountPath
        self.subPath = subPath
        self.readOnly = readOnly
    }
}
