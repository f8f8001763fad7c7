import NIOCore
import NIOPosix
import NIOSSH

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// One authenticated SSH connection (swift-nio-ssh over TCP) that runs commands, each on its
/// own session channel, any number at a time. Knows nothing of Kubernetes: it is given an
/// address, a user, a private key and the host keys to trust.
///
/// The server must present a pinned host key (unless the policy explicitly accepts any), and
/// accept the user's key; otherwise ``connect(host:port:user:privateKey:hostKeys:options:)``
/// throws the ``SSHError`` that says which. TCP keepalives notice a peer that vanished
/// without closing the connection.
public final class SSHConnection: Sendable {
    /// `user@host:port`, as errors and logs name it.
    public let endpoint: String
    private let channel: any Channel
    private let outputLimit: Int

    /// Timeouts and keepalives of a connection.
    public struct Options: Sendable, Hashable {
        /// From opening the TCP connection to a successful authentication. Default 10 s.
        public var connectTimeout: Duration
        /// Idle time before the first TCP keepalive probe. Default 15 s.
        public var keepaliveIdle: Duration
        /// Time between unanswered keepalive probes. Default 5 s.
        public var keepaliveInterval: Duration
        /// Unanswered probes after which the connection counts as dead. Default 3.
        public var keepaliveProbes: Int
        /// The most of a command's stdout, and of its stderr, kept (the last bytes). Default 1 MiB.
        public var outputLimit: Int

        public init(
            connectTimeout: Duration = .seconds(10), keepaliveIdle: Duration = .seconds(15), keepaliveInterval: Duration = .seconds(5),
            keepaliveProbes: Int = 3, outputLimit: Int = 1 << 20
        ) {
            self.connectTimeout = connectTimeout
            self.keepaliveIdle = keepaliveIdle
            self.keepaliveInterval = keepaliveInterval
            self.keepaliveProbes = keepaliveProbes
            self.outputLimit = outputLimit
        }
    }

    /// Connects, verifies the server's host key against `hostKeys` and authenticates `user`
    /// with `privateKey`.
    public static func connect(
        host: String, port: Int = 22, user: String, privateKey: SSHPrivateKey, hostKeys: SSHHostKeyPolicy, options: Options = Options()
    ) async throws -> SSHConnection {
        let endpoint = "\(user)@\(host):\(port)"
        let loop = MultiThreadedEventLoopGroup.singleton.next()
        let authenticated = loop.makePromise(of: Void.self)
        let bootstrap = ClientBootstrap(group: loop)
            .connectTimeout(.nanoseconds(Int64(options.connectTimeout.seconds * 1e9)))
            .channelOption(.socketOption(.so_keepalive), value: 1)
            .channelOption(.socketOption(.tcp_nodelay), value: 1)
            .channelOption(ChannelOptions.Types.SocketOption(level: .tcp, name: .init(rawValue: TCP_KEEPIDLE)), value: Int(max(1, options.keepaliveIdle.seconds)))
            .channelOption(ChannelOptions.Types.SocketOption(level: .tcp, name: .init(rawValue: TCP_KEEPINTVL)), value: Int(max(1, options.keepaliveInterval.seconds)))
            .channelOption(ChannelOptions.Types.SocketOption(level: .tcp, name: .init(rawValue: TCP_KEEPCNT)), value: max(1, options.keepaliveProbes))
            .channelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    let configuration = SSHClientConfiguration(
                        userAuthDelegate: PublicKeyAuthentication(user: user, key: privateKey.key, endpoint: endpoint),
                        serverAuthDelegate: HostKeyVerification(policy: hostKeys, endpoint: endpoint))
                    try channel.pipeline.syncOperations.addHandlers(
                        NIOSSHHandler(role: .client(configuration), allocator: channel.allocator, inboundChildChannelInitializer: nil),
                        HandshakeWatcher(authenticated: authenticated, endpoint: endpoint))
                }
            }
        let channel: any Channel
        do {
            channel = try await bootstrap.connect(host: host, port: port).get()
        } catch {
            authenticated.fail(error)
            throw Self.connectError(error, endpoint: endpoint, timeout: options.connectTimeout)
        }
        let timeout = loop.scheduleTask(in: .nanoseconds(Int64(options.connectTimeout.seconds * 1e9))) {
            authenticated.fail(SSHError.connectTimeout(endpoint: endpoint, seconds: Int64(options.connectTimeout.seconds)))
        }
        do {
            try await authenticated.futureResult.get()
            timeout.cancel()
        } catch {
            timeout.cancel()
            try? await channel.close()
            throw error as? SSHError ?? SSHError.protocolError(endpoint: endpoint, detail: "\(error)")
        }
        return SSHConnection(endpoint: endpoint, channel: channel, outputLimit: options.outputLimit)
    }

    private init(endpoint: String, channel: any Channel, outputLimit: Int) {
        self.endpoint = endpoint
        self.channel = channel
        self.outputLimit = outputLimit
    }

    /// Whether the connection is still open.
    public var isActive: Bool { channel.isActive }

    /// Runs `command` (through the user's login shell, as `ssh host command` does), sends
    /// `input` to its stdin followed by end-of-file, and returns its exit status and output once
    /// it exits. Throws when it cannot be started, does not finish within `timeout`, or the
    /// connection breaks first; a command that runs and fails is a result, not an error.
    public func execute(_ command: String, input: [UInt8] = [], timeout: Duration = .seconds(600)) async throws -> SSHCommandResult {
        let loop = channel.eventLoop
        let result = loop.makePromise(of: SSHCommandResult.self)
        let created = loop.makePromise(of: (any Channel).self)
        let endpoint = self.endpoint, outputLimit = self.outputLimit, channel = self.channel
        loop.execute {
            do {
                let handler = try channel.pipeline.syncOperations.handler(type: NIOSSHHandler.self)
                handler.createChannel(created, channelType: .session) { child, _ in
                    child.eventLoop.makeCompletedFuture {
                        try child.pipeline.syncOperations.addHandler(
                            ExecHandler(command: command, input: input, result: result, endpoint: endpoint, outputLimit: outputLimit))
                    }
                }
            } catch {
                created.fail(error)
            }
        }
        created.futureResult.whenFailure { error in
            result.fail(Self.channelError(error, endpoint: endpoint))
        }
        let seconds = Int64(timeout.seconds)
        let timer = loop.scheduleTask(in: .nanoseconds(Int64(timeout.seconds * 1e9))) {
            result.fail(SSHError.commandTimeout(endpoint: endpoint, seconds: seconds))
            created.futureResult.whenSuccess { $0.close(promise: nil) }
        }
        defer { timer.cancel() }
        return try await result.futureResult.get()
    }

    /// Closes the connection; commands still running get ``SSHError/connectionLost(endpoint:detail:)``.
    public func close() async {
        try? await channel.close()
    }

    private static func connectError(_ error: any Error, endpoint: String, timeout: Duration) -> SSHError {
        if let error = error as? SSHError { return error }
        if case ChannelError.connectTimeout = error { return .connectTimeout(endpoint: endpoint, seconds: Int64(timeout.seconds)) }
        if let error = error as? NIOConnectionError {
            let causes = error.connectionErrors.map(\.error)
            if causes.contains(where: { ($0 as? IOError)?.errnoCode == ECONNREFUSED }) { return .connectionRefused(endpoint: endpoint) }
            if causes.contains(where: { if case ChannelError.connectTimeout = $0 { return true } else { return false } }) {
                return .connectTimeout(endpoint: endpoint, seconds: Int64(timeout.seconds))
            }
            return .unreachable(endpoint: endpoint, detail: causes.first.map { "\($0)" } ?? "the name does not resolve")
        }
        if (error as? IOError)?.errnoCode == ECONNREFUSED { return .connectionRefused(endpoint: endpoint) }
        return .unreachable(endpoint: endpoint, detail: "\(error)")
    }

    static func channelError(_ error: any Error, endpoint: String) -> SSHError {
        if let error = error as? SSHError { return error }
        if let error = error as? NIOSSHError {
            if error.type == .channelSetupRejected { return .channelRejected(endpoint: endpoint, detail: "\(error)") }
            if error.type == .creatingChannelAfterClosure || error.type == .tcpShutdown {
                return .connectionLost(endpoint: endpoint, detail: "the connection is closed")
            }
            return .protocolError(endpoint: endpoint, detail: "\(error)")
        }
        return .connectionLost(endpoint: endpoint, detail: "\(error)")
    }
}

/// What a command did: its exit status (or the signal that ended it) and its output.
public struct SSHCommandResult: Sendable, Hashable {
    /// The exit status; nil when a signal ended the command.
    public var exitStatus: Int?
    /// The signal that ended the command (`KILL`, `TERM`, …), if one did.
    public var exitSignal: String?
    /// Standard output (its last bytes, up to the connection's output limit).
    public var stdout: [UInt8]
    /// Standard error (its last bytes, up to the connection's output limit).
    public var stderr: [UInt8]

    public init(exitStatus: Int?, exitSignal: String? = nil, stdout: [UInt8] = [], stderr: [UInt8] = []) {
        self.exitStatus = exitStatus
        self.exitSignal = exitSignal
        self.stdout = stdout
        self.stderr = stderr
    }

    /// Exit status 0.
    public var succeeded: Bool { exitStatus == 0 }

    /// Standard output as text.
    public var output: String { String(decoding: stdout, as: UTF8.self) }
    /// Standard error as text.
    public var errorOutput: String { String(decoding: stderr, as: UTF8.self) }
}

extension Duration {
    /// Seconds as a floating-point number.
    fileprivate var seconds: Double {
        Double(components.seconds) + Double(components.attoseconds) / 1e18
    }
}
