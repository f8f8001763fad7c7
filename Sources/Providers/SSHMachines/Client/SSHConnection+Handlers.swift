import NIOCore
import NIOSSH

/// Offers the user's key once; a second request means the server refused it.
final class PublicKeyAuthentication: NIOSSHClientUserAuthenticationDelegate {
    private let user: String
    private let key: NIOSSHPrivateKey
    private let endpoint: String
    private var offered = false

    init(user: String, key: NIOSSHPrivateKey, endpoint: String) {
        self.user = user
        self.key = key
        self.endpoint = endpoint
    }

    func nextAuthenticationType(
        availableMethods: NIOSSHAvailableUserAuthenticationMethods, nextChallengePromise: EventLoopPromise<NIOSSHUserAuthenticationOffer?>
    ) {
        guard !offered, availableMethods.contains(.publicKey) else {
            nextChallengePromise.fail(SSHError.authenticationFailed(endpoint: endpoint, user: user))
            return
        }
        offered = true
        nextChallengePromise.succeed(NIOSSHUserAuthenticationOffer(username: user, serviceName: "", offer: .privateKey(.init(privateKey: key))))
    }
}

/// Accepts the server only when it presents a pinned host key.
final class HostKeyVerification: NIOSSHClientServerAuthenticationDelegate {
    private let policy: SSHHostKeyPolicy
    private let endpoint: String

    init(policy: SSHHostKeyPolicy, endpoint: String) {
        self.policy = policy
        self.endpoint = endpoint
    }

    func validateHostKey(hostKey: NIOSSHPublicKey, validationCompletePromise: EventLoopPromise<Void>) {
        switch policy {
        case .acceptAnyInsecurely:
            validationCompletePromise.succeed(())
        case .pinned(let keys):
            if keys.contains(where: { $0.matches(hostKey) }) {
                validationCompletePromise.succeed(())
            } else {
                validationCompletePromise.fail(SSHError.hostKeyMismatch(
                    endpoint: endpoint, expected: keys.map(\.fingerprint), presented: SSHHostKey.fingerprint(of: hostKey)))
            }
        }
    }
}

/// Completes `authenticated` when the user is logged in, or fails it with the first error
/// (a refused host key, a refused user key, a broken connection). Later connection errors
/// close the connection, failing the commands still running.
final class HandshakeWatcher: ChannelInboundHandler {
    typealias InboundIn = Any

    private let authenticated: EventLoopPromise<Void>
    private let endpoint: String

    init(authenticated: EventLoopPromise<Void>, endpoint: String) {
        self.authenticated = authenticated
        self.endpoint = endpoint
    }

    func userInboundEventTriggered(context: ChannelHandlerContext, event: Any) {
        if event is UserAuthSuccessEvent { authenticated.succeed(()) }
        context.fireUserInboundEventTriggered(event)
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        authenticated.fail(error as? SSHError ?? SSHConnection.channelError(error, endpoint: endpoint))
        context.close(promise: nil)
    }

    func channelInactive(context: ChannelHandlerContext) {
        authenticated.fail(SSHError.connectionLost(endpoint: endpoint, detail: "closed by the server during the handshake"))
        context.fireChannelInactive()
    }
}

/// Runs one command on a session channel: asks for `exec`, sends stdin and end-of-file once the
/// server agrees, collects output and the exit status, and reports when the channel closes.
final class ExecHandler: ChannelDuplexHandler {
    typealias InboundIn = SSHChannelData
    typealias OutboundIn = SSHChannelData
    typealias OutboundOut = SSHChannelData

    private let command: String
    private let input: [UInt8]
    private let result: EventLoopPromise<SSHCommandResult>
    private let endpoint: String
    private let outputLimit: Int
    private var stdout: [UInt8] = []
    private var stderr: [UInt8] = []
    private var exitStatus: Int?
    private var exitSignal: String?
    private var failure: (any Error)?

    init(command: String, input: [UInt8], result: EventLoopPromise<SSHCommandResult>, endpoint: String, outputLimit: Int) {
        self.command = command
        self.input = input
        self.result = result
        self.endpoint = endpoint
        self.outputLimit = outputLimit
    }

    func handlerAdded(context: ChannelHandlerContext) {
        context.channel.setOption(ChannelOptions.allowRemoteHalfClosure, value: true).whenFailure { [result] error in
            result.fail(error)
        }
    }

    func channelActive(context: ChannelHandlerContext) {
        let request = SSHChannelRequestEvent.ExecRequest(command: command, wantReply: true)
        context.triggerUserOutboundEvent(request, promise: nil)
        context.fireChannelActive()
    }

    func userInboundEventTriggered(context: ChannelHandlerContext, event: Any) {
        switch event {
        case is ChannelSuccessEvent:
            if !input.isEmpty {
                var buffer = context.channel.allocator.buffer(capacity: input.count)
                buffer.writeBytes(input)
                context.write(wrapOutboundOut(SSHChannelData(type: .channel, data: .byteBuffer(buffer))), promise: nil)
            }
            context.flush()
            context.close(mode: .output, promise: nil)
        case is ChannelFailureEvent:
            failure = SSHError.channelRejected(endpoint: endpoint, detail: "the server refused to execute the command")
            context.close(promise: nil)
        case let status as SSHChannelRequestEvent.ExitStatus:
            exitStatus = status.exitStatus
        case let signal as SSHChannelRequestEvent.ExitSignal:
            exitSignal = signal.signalName
        default:
            context.fireUserInboundEventTriggered(event)
        }
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        let message = unwrapInboundIn(data)
        guard case .byteBuffer(let buffer) = message.data else { return }
        if message.type == .stdErr {
            Self.append(buffer, to: &stderr, limit: outputLimit)
        } else if message.type == .channel {
            Self.append(buffer, to: &stdout, limit: outputLimit)
        }
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        if failure == nil { failure = error }
        context.close(promise: nil)
    }

    func channelInactive(context: ChannelHandlerContext) {
        if exitStatus != nil || exitSignal != nil {
            result.succeed(SSHCommandResult(exitStatus: exitStatus, exitSignal: exitSignal, stdout: stdout, stderr: stderr))
        } else if let failure {
            result.fail(SSHConnection.channelError(failure, endpoint: endpoint))
        } else {
            result.fail(SSHError.connectionLost(endpoint: endpoint, detail: "the session closed before the command reported an exit status"))
        }
        context.fireChannelInactive()
    }

    private static func append(_ buffer: ByteBuffer, to output: inout [UInt8], limit: Int) {
        output.append(contentsOf: buffer.readableBytesView)
        if output.count > limit { output.removeFirst(output.count - limit) }
    }
}
