import ClusterAPI
import Foundation
import KubeKit
import Logging
import ProviderKit

/// The ``MachineProvider`` of SSH machines: a machine is an ``SSHHost`` claimed exclusively
/// for one ``SSHMachine``; provisioning runs its cloud-config there over SSH; deletion runs the
/// cleanup commands and releases the host. The instance ID is the host's name, the provider ID
/// `ssh://<address>`.
public struct SSHMachineProvider: MachineProvider {
    public typealias Machine = SSHMachine

    let client: KubeClient
    let connectionOptions: SSHConnection.Options

    public init(client: KubeClient, connectionOptions: SSHConnection.Options = SSHConnection.Options()) {
        self.client = client
        self.connectionOptions = connectionOptions
    }

    public func find(_ context: MachineContext<SSHMachine>) async throws -> MachineIdentity? {
        let uid = context.object.metadata.uid ?? ""
        let hosts = try await client.listAll(SSHHost.self, namespace: context.namespace).items
        return hosts.first { $0.spec.consumerRef?.uid == uid }.map { MachineIdentity($0.metadata.name ?? "") }
    }

    public func create(_ context: MachineContext<SSHMachine>, userData: UserData) async throws -> Creation {
        try await claimHost(for: context)
    }

    public func progress(of machine: MachineIdentity, _ context: MachineContext<SSHMachine>, userData: UserData) async throws -> MachineProgress {
        guard let host = try await claimedHost(machine, context) else { return .notFound }
        guard userData.format == "cloud-config" else {
            throw MachineProviderError(reason: "InvalidBootstrapData", message: "bootstrap data format \(userData.format) cannot be run over SSH; use cloud-config", terminal: true)
        }
        let config: CloudConfig
        do {
            config = try CloudConfig(parsing: userData.value.value)
        } catch let invalid as CloudConfig.Invalid {
            throw MachineProviderError(reason: "InvalidBootstrapData", message: invalid.description, terminal: true)
        }
        try await withConnection(to: host, namespace: context.namespace) { connection in
            try await markBootstrapStarted(on: host, for: context.object)
            try await BootstrapRunner(
                connection: connection, script: BootstrapScript(workDirectory: host.workDirectory), sudo: host.spec.sudo ?? false,
                timeout: context.object.commandTimeout, logger: context.logger
            ).run(config)
        }
        return .provisioned(providerID: "\(SSHMachinesProvider.providerIDScheme)://\(host.spec.address)", addresses: host.addresses, failureDomain: host.spec.failureDomain)
    }

    public func exists(_ machine: MachineIdentity, _ context: MachineContext<SSHMachine>) async throws -> Bool {
        try await claimedHost(machine, context) != nil
    }

    public func delete(_ machine: MachineIdentity, _ context: MachineContext<SSHMachine>) async throws -> Deletion {
        guard let host = try await claimedHost(machine, context) else { return .notFound }
        guard host.bootstrapStarted(for: context.object) else {
            context.logger.info("nothing ran on the host for this machine: released without cleanup", metadata: ["sshhost": "\(host.metadata.name ?? "")"])
            try await release(host)
            return .deleted
        }
        let commands = context.object.spec.cleanupCommands ?? (context.object.spec.flavor ?? .k0s).defaultCleanupCommands
        try await withConnection(to: host, namespace: context.namespace) { connection in
            try await BootstrapRunner(
                connection: connection, script: BootstrapScript(workDirectory: host.workDirectory), sudo: host.spec.sudo ?? false,
                timeout: context.object.commandTimeout, logger: context.logger
            ).cleanup(commands)
        }
        try await release(host)
        return .deleted
    }

    /// The host named `machine` if it is still claimed by this SSHMachine.
    private func claimedHost(_ machine: MachineIdentity, _ context: MachineContext<SSHMachine>) async throws -> SSHHost? {
        let host: SSHHost
        do {
            host = try await client.get(SSHHost.self, name: machine.id, namespace: context.namespace)
        } catch let error as KubeError where error.code == .notFound {
            return nil
        }
        return host.spec.consumerRef?.uid == context.object.metadata.uid ? host : nil
    }

    /// Opens a connection to `host` with its key Secret and pinned host keys, runs `body`, and
    /// closes it; SSH faults become ``MachineProviderError``s naming the host.
    private func withConnection<T>(to host: SSHHost, namespace: String, _ body: (SSHConnection) async throws -> T) async throws -> T {
        let key = try await privateKey(of: host, namespace: namespace)
        let policy: SSHHostKeyPolicy
        if host.spec.insecureSkipHostKeyVerification == true {
            policy = .acceptAnyInsecurely
        } else {
            do {
                policy = .pinned(try (host.spec.hostKeys ?? []).map { try SSHHostKey($0) })
            } catch {
                throw MachineProviderError(reason: "InvalidHostKey", message: "SSHHost \(namespace)/\(host.metadata.name ?? ""): spec.hostKeys: \(error)")
            }
            if host.spec.hostKeys?.isEmpty ?? true {
                throw MachineProviderError(
                    reason: "InvalidHostKey",
                    message: "SSHHost \(namespace)/\(host.metadata.name ?? "") pins no host key (spec.hostKeys) and does not set spec.insecureSkipHostKeyVerification")
            }
        }
        let connection: SSHConnection
        do {
            connection = try await SSHConnection.connect(
                host: host.spec.address, port: Int(host.spec.port ?? 22), user: host.spec.user ?? "root", privateKey: key, hostKeys: policy,
                options: connectionOptions)
        } catch let error as SSHError {
            throw MachineProviderError(error, host: host)
        }
        do {
            let result = try await body(connection)
            await connection.close()
            return result
        } catch let error as SSHError {
            await connection.close()
            throw MachineProviderError(error, host: host)
        } catch {
            await connection.close()
            throw error
        }
    }

    private func privateKey(of host: SSHHost, namespace: String) async throws -> SSHPrivateKey {
        let reference = host.spec.privateKeySecretRef
        let key = reference.key ?? "ssh-privatekey"
        let where_ = "Secret \(namespace)/\(reference.name) key \(key) (SSHHost \(host.metadata.name ?? ""))"
        let secret: Secret
        do {
            secret = try await client.get(Secret.self, name: reference.name, namespace: namespace)
        } catch let error as KubeError where error.code == .notFound {
            throw MachineProviderError(reason: "PrivateKeyNotFound", message: "\(where_) does not exist")
        }
        guard let data = secret.data?[key] else { throw MachineProviderError(reason: "PrivateKeyNotFound", message: "\(where_) is missing") }
        do {
            return try SSHPrivateKey(openSSHPrivateKey: String(decoding: data, as: UTF8.self))
        } catch {
            throw MachineProviderError(reason: "InvalidPrivateKey", message: "\(where_): \(error)")
        }
    }
}

extension SSHMachine {
    /// `spec.commandTimeoutSeconds`, 600 s by default.
    var commandTimeout: Duration { .seconds(Int64(spec.commandTimeoutSeconds ?? 600)) }
}

extension SSHHost {
    var workDirectory: String { spec.workDirectory ?? "/var/lib/mothership" }

    /// `InternalIP` for an IP address, `InternalDNS` for a name.
    var addresses: [MachineAddress] {
        let address = spec.address
        let isIP = address.wholeMatch(of: /[0-9]{1,3}(\.[0-9]{1,3}){3}/) != nil || address.contains(":")
        return [MachineAddress(type: isIP ? .internalIP : .internalDNS, address: address)]
    }
}

extension MachineProviderError {
    /// An SSH fault as a condition reason and message naming the host.
    init(_ error: SSHError, host: SSHHost) {
        let reason: String
        switch error {
        case .connectionRefused, .connectTimeout, .unreachable: reason = "HostUnreachable"
        case .hostKeyMismatch: reason = "HostKeyMismatch"
        case .authenticationFailed: reason = "AuthenticationFailed"
        case .invalidPrivateKey: reason = "InvalidPrivateKey"
        case .invalidHostKey: reason = "InvalidHostKey"
        case .commandTimeout: reason = "CommandTimeout"
        case .connectionLost: reason = "ConnectionLost"
        case .channelRejected, .protocolError: reason = "SSHProtocolError"
        }
        self.init(reason: reason, message: "SSHHost \(host.metadata.namespace ?? "")/\(host.metadata.name ?? ""): \(error)")
    }
}
