import Foundation

/// Starts one container of a pod: in the pod's network namespace (unless the pod uses the host
/// network), in a mount namespace of its own where the mount script places the volumes, with
/// the container's environment, running the image's executable with the container's arguments.
struct ContainerLaunch {
    /// The container's program and its arguments after `$(NAME)` expansion: the image's
    /// executable stands in for `command[0]`.
    static func commandLine(container: Container, executable: String, environment: [String: String]) -> [String] {
        let tail = (container.command ?? []).dropFirst() + (container.args ?? [])
        return [executable] + tail.map { ContainerEnvironment.expand($0, with: environment) }
    }

    /// What containers get when the pod sets no `PATH`, as container runtimes default it.
    static let defaultPath = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"

    let podDirectory: String
    /// The pod's network namespace handle; nil for `hostNetwork` pods.
    let networkNamespace: String?
    let volumePaths: [String: String]
    /// Bound over `/etc/hosts` in pod-network containers that do not mount one themselves.
    let hostsFile: String

    /// Writes the container's mount script and starts it.
    func start(
        container: Container, podName: String, executable: String, environment: [String: String]
    ) throws -> ContainerProcess {
        var plan = try MountPlan(container: container, volumePaths: volumePaths)
        if networkNamespace != nil, !plan.binds.contains(where: { $0.target == "/etc/hosts" }) {
            plan.binds.append(MountPlan.Bind(source: hostsFile, target: "/etc/hosts", readOnly: true, isFile: true))
        }
        let scratch = "\(podDirectory)/scratch/\(container.name)"
        let scriptPath = "\(podDirectory)/containers/\(container.name).sh"
        try FileManager.default.createDirectory(atPath: scratch, withIntermediateDirectories: true)
        try FileManager.default.createDirectory(atPath: "\(podDirectory)/containers", withIntermediateDirectories: true)
        try FileManager.default.createDirectory(atPath: "\(podDirectory)/logs", withIntermediateDirectories: true)
        let script = try plan.script(scratch: scratch, workingDirectory: container.workingDir ?? "/")
        guard FileManager.default.createFile(atPath: scriptPath, contents: Data(script.utf8), attributes: [.posixPermissions: 0o700]) else {
            throw DevRuntimeError(.start, "container \(container.name): cannot write its mount script")
        }
        var environment = environment
        if environment["PATH"] == nil { environment["PATH"] = Self.defaultPath }
        if environment["HOSTNAME"] == nil { environment["HOSTNAME"] = podName }
        let shell = try HostCommand.locate("sh")
        var arguments = ["--mount", "--propagation", "private", "--", shell, scriptPath]
        arguments += Self.commandLine(container: container, executable: executable, environment: environment)
        var program = try HostCommand.locate("unshare")
        if let networkNamespace {
            arguments = ["--net=\(networkNamespace)", "--", program] + arguments
            program = try HostCommand.locate("nsenter")
        }
        return try ContainerProcess(
            executable: program, arguments: arguments, environment: environment,
            logPath: Self.logPath(podDirectory: podDirectory, container: container.name))
    }

    /// Where a container's standard output and error are appended.
    static func logPath(podDirectory: String, container: String) -> String {
        "\(podDirectory)/logs/\(container).log"
    }
}
