import KubeKit
import ProviderKit

/// One server of the SSH inventory (`infrastructure.mothership.dev/v1beta1`): where it is
/// reached, as whom, with which key and which pinned host key. Labels describe it; an
/// ``SSHMachine`` claims a free host matching its selector, exclusively, and releases it after
/// its cleanup.
public struct SSHHost: CustomResource, Hashable {
    public static let resource = ResourceDescriptor(
        group: InfrastructureAPI.group, version: InfrastructureAPI.version, kind: "SSHHost", plural: "sshhosts", namespaced: true)

    public var metadata: ObjectMeta
    public var spec: Spec

    public init(metadata: ObjectMeta, spec: Spec) {
        self.metadata = metadata
        self.spec = spec
    }

    public struct Spec: Codable, Sendable, Hashable {
        /// The host's address (IP or DNS name): where to connect, and the machine's address.
        public var address: String
        /// SSH port; default 22.
        public var port: Int32?
        /// The user to log in as; default `root`.
        public var user: String?
        /// The Secret (in the host's namespace) holding the user's OpenSSH private key
        /// (ed25519 or ECDSA, unencrypted).
        public var privateKeySecretRef: SecretKeyReference
        /// The host's public keys (`ssh-ed25519 AAAA…` lines, or `SHA256:…` fingerprints); a
        /// server presenting any other key is refused.
        public var hostKeys: [String]?
        /// Connect without verifying the host key. Only for hosts whose key cannot be known in
        /// advance; anyone between us and the host could impersonate it.
        public var insecureSkipHostKeyVerification: Bool?
        /// Run bootstrap and cleanup through `sudo -n` (a user other than root).
        public var sudo: Bool?
        /// Where bootstrap keeps its step markers and the list of files it wrote; default
        /// `/var/lib/mothership`.
        public var workDirectory: String?
        /// The failure domain the host is in, reported by the machine that claims it.
        public var failureDomain: String?
        /// The SSHMachine that has claimed this host; set and cleared only by the controller.
        public var consumerRef: ConsumerReference?

        public init(
            address: String, port: Int32? = nil, user: String? = nil, privateKeySecretRef: SecretKeyReference, hostKeys: [String]? = nil,
            insecureSkipHostKeyVerification: Bool? = nil, sudo: Bool? = nil, workDirectory: String? = nil, failureDomain: String? = nil
        ) {
            self.address = address
            self.port = port
            self.user = user
            self.privateKeySecretRef = privateKeySecretRef
            self.hostKeys = hostKeys
            self.insecureSkipHostKeyVerification = insecureSkipHostKeyVerification
            self.sudo = sudo
            self.workDirectory = workDirectory
            self.failureDomain = failureDomain
        }
    }

    /// A key of a Secret in the same namespace.
    public struct SecretKeyReference: Codable, Sendable, Hashable {
        public var name: String
        /// Default `ssh-privatekey` (the key of a `kubernetes.io/ssh-auth` Secret).
        public var key: String?

        public init(name: String, key: String? = nil) {
            self.name = name
            self.key = key
        }
    }

    /// The SSHMachine holding a host.
    public struct ConsumerReference: Codable, Sendable, Hashable {
        public var name: String
        public var uid: String

        public init(name: String, uid: String) {
            self.name = name
            self.uid = uid
        }
    }

    public static let definition = CustomResourceDescription(
        description: "SSHHost is one server of the SSH machine inventory: its address, login, key Secret and pinned host key. SSHMachines claim free hosts by label selector.",
        spec: .object(
            [
                "address": .string(minLength: 1, maxLength: 253).example("10.0.0.5").description("IP address or DNS name to connect to."),
                "port": .integer(minimum: 1, maximum: 65535).defaultValue(22).description("SSH port; default 22."),
                "user": .string(minLength: 1, maxLength: 64).defaultValue("root").description("The user to log in as; default root."),
                "privateKeySecretRef": .object(
                    [
                        "name": .string(minLength: 1),
                        "key": .string(minLength: 1).defaultValue("ssh-privatekey").description("Default ssh-privatekey."),
                    ], required: ["name"]
                ).description("The Secret holding the user's OpenSSH private key (ed25519 or ECDSA, unencrypted)."),
                "hostKeys": .array(of: .string(minLength: 1)).description("The host's public keys (ssh-ed25519 AAAA… lines or SHA256: fingerprints); any other key is refused."),
                "insecureSkipHostKeyVerification": .boolean.description("Connect without verifying the host key (anyone on the path could impersonate the host)."),
                "sudo": .boolean.description("Run bootstrap and cleanup through sudo -n."),
                "workDirectory": .string(pattern: "^/", maxLength: 1024).example("/var/lib/mothership")
                    .description("Where bootstrap keeps step markers and the list of files it wrote; default /var/lib/mothership."),
                "failureDomain": .string(maxLength: 256).description("The failure domain the host is in."),
                "consumerRef": .object(["name": .string(minLength: 1), "uid": .string(minLength: 1)], required: ["name", "uid"])
                    .description("The SSHMachine that has claimed the host; managed by the controller."),
            ], required: ["address", "privateKeySecretRef"]),
        printerColumns: [
            PrinterColumn("Address", type: .string, jsonPath: ".spec.address"),
            PrinterColumn("Consumer", type: .string, jsonPath: ".spec.consumerRef.name"),
        ],
        shortNames: ["sshh"],
        labels: [InfrastructureAPI.contractLabel: InfrastructureAPI.version])
}
