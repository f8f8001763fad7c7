import AsyncHTTPClient
import NIOCore
import NIOPosix
import NIOSSL

extension KubeError {
    /// The error for a request that got no (complete) reply: connection refused or broken, TLS
    /// failure, timeout. Names the server; the underlying error's own words say what happened.
    static func transport(_ error: any Error, request: String, server: String) -> KubeError {
        if let error = error as? KubeError { return error }
        if error is CancellationError {
            return KubeError(code: .timeout, request: request, message: "cancelled")
        }
        if let error = error as? HTTPClientError {
            switch error {
            case .deadlineExceeded, .connectTimeout, .readTimeout, .writeTimeout:
                return KubeError(code: .timeout, request: request, message: "\(server): \(error)")
            case .cancelled:
                return KubeError(code: .timeout, request: request, message: "cancelled")
            case .remoteConnectionClosed:
                return KubeError(code: .unreachable, request: request, message: "\(server) closed the connection")
            default:
                break
            }
        }
        if let error = error as? NIOSSLError {
            return KubeError(code: .unreachable, request: request, message: "TLS with \(server) failed: \(error)")
        }
        if let error = error as? BoringSSLError {
            return KubeError(code: .unreachable, request: request, message: "TLS with \(server) failed: \(error)")
        }
        return KubeError(code: .unreachable, request: request, message: "cannot reach \(server): \(error)")
    }
}
