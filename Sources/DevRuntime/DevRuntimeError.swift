/// Why the runtime could not set up or run something. Messages name the pod, volume, container or
/// host command; they never contain Secret data or environment values.
public struct DevRuntimeError: Error, Sendable, CustomStringConvertible {
    /// What kind of failure, in the kubelet's vocabulary where it has one.
    public enum Reason: String, Sendable {
        /// A container image maps to no local executable (`ErrImagePull` in status).
        case imageNotResolvable = "ErrImagePull"
        /// A Secret, ConfigMap or field a container's environment needs is missing
        /// (`CreateContainerConfigError`).
        case containerConfig = "CreateContainerConfigError"
        /// A volume could not be materialised or is of an unsupported kind (`FailedMount`).
        case volume = "FailedMount"
        /// The pod's network namespace could not be set up (`FailedCreatePodSandBox`).
        case sandbox = "FailedCreatePodSandBox"
        /// A container process could not be started (`RunContainerError`).
        case start = "RunContainerError"
        /// A host command the runtime relies on failed or is missing.
        case hostCommand = "HostCommandFailed"
        /// The runtime's configuration is not usable.
        case configuration = "InvalidConfiguration"
    }

    public var reason: Reason
    public var message: String

    public init(_ reason: Reason, _ message: String) {
        self.reason = reason
        self.message = message
    }

    public var description: String { "\(reason.rawValue): \(message)" }
}
