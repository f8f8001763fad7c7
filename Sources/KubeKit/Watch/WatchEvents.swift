import AsyncHTTPClient
import Foundation
import NIOCore
import NIOFoundationCompat

/// The events of one watch request, in order, as an `AsyncSequence`. It ends when the server
/// closes the watch (its timeout); it throws ``KubeError`` when the connection breaks
/// (``KubeError/Code/unreachable``) or the resourceVersion is too old
/// (``KubeError/Code/expired``: relist, then watch from the list's resourceVersion).
public struct WatchEvents<Object: Decodable & Sendable>: AsyncSequence, Sendable {
    public typealias Element = WatchEvent<Object>

    let body: HTTPClientResponse.Body
    let request: String
    let server: String

    public func makeAsyncIterator() -> Iterator {
        Iterator(chunks: body.makeAsyncIterator(), request: request, server: server)
    }

    public struct Iterator: AsyncIteratorProtocol {
        var chunks: HTTPClientResponse.Body.AsyncIterator
        let request: String
        let server: String
        var buffer = ByteBuffer()
        var finished = false

        init(chunks: HTTPClientResponse.Body.AsyncIterator, request: String, server: String) {
            self.chunks = chunks
            self.request = request
            self.server = server
        }

        public mutating func next() async throws -> WatchEvent<Object>? {
            while true {
                if let line = nextLine() {
                    if line.readableBytes == 0 { continue }
                    return try event(from: line)
                }
                if finished { return nil }
                let chunk: ByteBuffer?
                do {
                    chunk = try await chunks.next()
                } catch {
                    finished = true
                    throw KubeError.transport(error, request: request, server: server)
                }
                guard var chunk else {
                    finished = true
                    // A last event without its newline.
                    if buffer.readableBytes > 0 {
                        let rest = buffer
                        buffer.clear()
                        return try event(from: rest)
                    }
                    return nil
                }
                buffer.discardReadBytes()
                buffer.writeBuffer(&chunk)
            }
        }

        private mutating func nextLine() -> ByteBuffer? {
            guard let newline = buffer.readableBytesView.firstIndex(of: UInt8(ascii: "\n")) else { return nil }
            let length = newline - buffer.readerIndex
            let line = buffer.readSlice(length: length)
            buffer.moveReaderIndex(forwardBy: 1)
            return line
        }

        private func event(from line: ByteBuffer) throws -> WatchEvent<Object> {
            let frame: WatchFrame<Object>
            do {
                frame = try JSONCoding.decoder.decode(WatchFrame<Object>.self, from: Data(buffer: line))
            } catch {
                throw KubeError(
                    code: .malformedResponse, request: request,
                    message: "cannot decode a watch event of \(Object.self): \(describeDecodingError(error))")
            }
            switch frame.content {
            case .event(let event):
                return event
            case .error(let status):
                throw KubeError.from(
                    httpStatus: status.code ?? 500, status: status, request: request, retryAfterHeader: nil)
            }
        }
    }
}

extension KubeClient {
    /// Watches a typed kind in `namespace` (all namespaces when nil). The request is made before
    /// this returns, so refused watches (401, 403, 410) throw here.
    public func watch<T: KubeResource>(
        _ type: T.Type, namespace: String? = nil, options: WatchOptions = WatchOptions()
    ) async throws -> WatchEvents<T> {
        try await watch(T.self, resource: T.resource, namespace: namespace, options: options)
    }

    /// Watches any kind, decoding objects as `type`.
    public func watch<T: Decodable & Sendable>(
        _ type: T.Type, resource: ResourceDescriptor, namespace: String? = nil, options: WatchOptions = WatchOptions()
    ) async throws -> WatchEvents<T> {
        let request = APIRequest(
            method: .GET, path: ResourcePath.collection(resource, namespace: namespace), query: options.queryItems)
        let response = try await withTimeout(configuration.timeout, request: request.summary) {
            var response = try await self.execute(request)
            if response.status.code == 401, await self.authenticator.canRefresh {
                await self.authenticator.invalidate()
                response = try await self.execute(request)
            }
            return response
        }
        guard response.status.code == 200 else {
            throw await error(from: response, request: request)
        }
        return WatchEvents(body: response.body, request: request.summary, server: configuration.server)
    }
}
