import Foundation

/// An exec credential plugin (`users[].user.exec` in a kubeconfig): a program that prints an
/// `ExecCredential` with a token or a client certificate, e.g. a cloud provider's login helper.
public struct ExecCredentialConfig: Sendable, Hashable {
    /// The program; an absolute path, a path relative to the kubeconfig, or a name found in `PATH`.
    public var command: String
    public var args: [String]
    /// Extra environment variables for the program, on top of ours.
    public var environment: [String: String]
    /// `client.authentication.k8s.io/v1` or `…/v1beta1`.
    public var apiVersion: String
    /// Shown when the program cannot be started.
    public var installHint: String?
    /// The cluster passed to the plugin in `KUBERNETES_EXEC_INFO` when it asks for it.
    public var cluster: ClusterInfo?

    /// What `provideClusterInfo: true` hands the plugin.
    public struct ClusterInfo: Sendable, Hashable, Encodable {
        public var server: String
        public var certificateAuthorityData: String?
        public var insecureSkipTLSVerify: Bool?

        enum CodingKeys: String, CodingKey {
            case server
            case certificateAuthorityData = "certificate-authority-data"
            case insecureSkipTLSVerify = "insecure-skip-tls-verify"
        }
    }

    static let supportedAPIVersions = ["client.authentication.k8s.io/v1", "client.authentication.k8s.io/v1beta1"]

    public init(
        command: String, args: [String] = [], environment: [String: String] = [:],
        apiVersion: String = "client.authentication.k8s.io/v1", installHint: String? = nil, cluster: ClusterInfo? = nil
    ) {
        self.command = command
        self.args = args
        self.environment = environment
        self.apiVersion = apiVersion
        self.installHint = installHint
        self.cluster = cluster
    }

    init(_ exec: Kubeconfig.Exec, user: String, directory: String, server: String, caData: String?, insecure: Bool) throws {
        let owner = "user \"\(user)\""
        guard let command = exec.command, !command.isEmpty else {
            throw KubeconfigError.unsupported(field: "exec without a command", owner: owner)
        }
        let apiVersion = exec.apiVersion ?? ""
        guard Self.supportedAPIVersions.contains(apiVersion) else {
            throw KubeconfigError.unsupported(field: "exec apiVersion \"\(apiVersion)\"", owner: owner)
        }
        if let mode = exec.interactiveMode, mode == "Always" {
            throw KubeconfigError.unsupported(field: "exec interactiveMode Always (no terminal)", owner: owner)
        }
        self.init(
            command: command.contains("/") ? absolute(command, in: directory) : command,
            args: exec.args ?? [],
            environment: Dictionary((exec.env ?? []).map { ($0.name, $0.value) }, uniquingKeysWith: { _, last in last }),
            apiVersion: apiVersion,
            installHint: exec.installHint,
            cluster: exec.provideClusterInfo == true
                ? ClusterInfo(server: server, certificateAuthorityData: caData, insecureSkipTLSVerify: insecure ? true : nil) : nil)
    }
}

/// Why an exec credential plugin gave no credential. Never includes what the plugin printed.
public enum ExecCredentialError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The program could not be started (not found, not executable).
    case launchFailed(command: String, reason: String, installHint: String?)
    /// The program exited unsuccessfully (its own messages went to our standard error).
    case failed(command: String, exitCode: Int32)
    /// The program printed something that is not an `ExecCredential` with a token or certificate.
    case malformedOutput(command: String, detail: String)

    public var description: String {
        switch self {
        case .launchFailed(let command, let reason, let hint):
            return "exec credential plugin \(command) could not be started: \(reason)" + (hint.map { "\n\($0)" } ?? "")
        case .failed(let command, let exitCode):
            return "exec credential plugin \(command) failed with exit code \(exitCode)"
        case .malformedOutput(let command, let detail):
            return "exec credential plugin \(command) printed no usable ExecCredential: \(detail)"
        }
    }
}
