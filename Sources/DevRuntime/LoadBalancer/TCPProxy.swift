import Logging
import NIOCore
import NIOPosix

/// Listens on one loopback address and port and relays each TCP connection, both directions
/// with half-close, to an endpoint chosen when the connection arrives.
struct TCPProxy: Sendable {
    /// A listening proxy; ``close()`` stops accepting and drops its connections.
    struct Listener: Sendable {
        let channel: any Channel
        let task: Task<Void, Never>

        func close() async {
            try? await channel.close()
            task.cancel()
            await task.value
        }
    }

    /// Binds `address:port` and serves until closed. `endpoint` picks the target of each new
    /// connection (`host`, `port`); nil closes the connection at once.
    static func listen(
        address: String, port: Int, logger: Logger, endpoint: @escaping @Sendable () async -> (String, Int)?
    ) async throws -> Listener {
        let group = MultiThreadedEventLoopGroup.singleton
        let server = try await ServerBootstrap(group: group)
            .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
            .childChannelOption(.allowRemoteHalfClosure, value: true)
            .bind(host: address, port: port) { channel in
                channel.eventLoop.makeCompletedFuture {
                    try NIOAsyncChannel<ByteBuffer, ByteBuffer>(wrappingChannelSynchronously: channel)
                }
            }
        let channel = server.channel
        let task = Task {
            _ = try? await withThrowingDiscardingTaskGroup { group in
                try await server.executeThenClose { connections in
                    for try await connection in connections {
                        group.addTask {
                            // Closing the listener cancels its connections: close their sockets.
                            await withTaskCancellationHandler {
                                guard let (host, port) = await endpoint() else {
                                    try? await connection.channel.close()
                                    return
                                }
                                do {
                                    try await relay(connection, to: host, port: port)
                                } catch {
                                    logger.debug("proxied connection ended", metadata: ["endpoint": "\(host):\(port)", "error": "\(error)"])
                                }
                            } onCancel: {
                                connection.channel.close(promise: nil)
                            }
                        }
                    }
                }
                group.cancelAll()
            }
        }
        return Listener(channel: channel, task: task)
    }

    private static func relay(_ inbound: NIOAsyncChannel<ByteBuffer, ByteBuffer>, to host: String, port: Int) async throws {
        let upstream: NIOAsyncChannel<ByteBuffer, ByteBuffer>
        do {
            upstream = try await ClientBootstrap(group: MultiThreadedEventLoopGroup.singleton)
                .connectTimeout(.seconds(5))
                .channelOption(.allowRemoteHalfClosure, value: true)
                .connect(host: host, port: port) { channel in
                    channel.eventLoop.makeCompletedFuture {
                        try NIOAsyncChannel<ByteBuffer, ByteBuffer>(wrappingChannelSynchronously: channel)
                    }
                }
        } catch {
            try? await inbound.channel.close()
            throw error
        }
        try await withTaskCancellationHandler {
            try await pipe(inbound, upstream)
        } onCancel: {
            upstream.channel.close(promise: nil)
        }
    }

    private static func pipe(_ inbound: NIOAsyncChannel<ByteBuffer, ByteBuffer>, _ upstream: NIOAsyncChannel<ByteBuffer, ByteBuffer>) async throws {
        try await inbound.executeThenClose { clientIn, clientOut in
            try await upstream.executeThenClose { serverIn, serverOut in
                try await withThrowingTaskGroup(of: Void.self) { group in
                    group.addTask {
                        for try await bytes in clientIn { try await serverOut.write(bytes) }
                        serverOut.finish()
                    }
                    group.addTask {
                        for try await bytes in serverIn { try await clientOut.write(bytes) }
                        clientOut.finish()
                    }
                    try await group.waitForAll()
                }
            }
        }
    }
}
