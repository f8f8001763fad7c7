import AsyncHTTPClient
import Foundation
import KubeKit
import NIOCore
import NIOPosix

/// Runs one check of a probe against a container, as the kubelet does: HTTP(S) GETs and TCP
/// connections to the pod's address (HTTPS without certificate verification), commands inside
/// the container's network and mount namespaces.
struct ProbeRunner {
    let httpClient: HTTPClient
    let podIP: String
    let container: Container
    let pid: Int32
    let environment: [String: String]

    /// The outcome of one check: success, or failure with a message for the container's status.
    enum Result: Equatable {
        case success
        case failure(String)
    }

    func check(_ probe: Probe) async -> Result {
        let timeout = Duration.seconds(Int64(max(probe.timeoutSeconds ?? 1, 1)))
        do {
            if let action = probe.httpGet {
                return try await httpGet(action, timeout: timeout)
            }
            if let action = probe.tcpSocket {
                return try await tcpSocket(action, timeout: timeout)
            }
            if let action = probe.exec {
                return try await exec(action.command ?? [], timeout: timeout)
            }
            return .failure("probe kind is not supported by the dev runtime")
        } catch {
            return .failure("\(error)")
        }
    }

    private func port(_ port: IntOrString) throws -> Int {
        switch port {
        case .int(let number): return Int(number)
        case .string(let name):
            if let number = Int(name) { return number }
            guard let match = container.ports?.first(where: { $0.name == name }) else {
                throw DevRuntimeError(.containerConfig, "container \(container.name) has no port named \(name)")
            }
            return Int(match.containerPort)
        }
    }

    private func httpGet(_ action: Probe.HTTPGetAction, timeout: Duration) async throws -> Result {
        let scheme = (action.scheme ?? "HTTP").lowercased()
        var path = action.path ?? "/"
        if !path.hasPrefix("/") { path = "/" + path }
        let host = action.host.flatMap { $0.isEmpty ? nil : $0 } ?? podIP
        var request = HTTPClientRequest(url: "\(scheme)://\(host):\(try port(action.port))\(path)")
        request.headers.add(name: "User-Agent", value: "kube-probe/devruntime")
        request.headers.add(name: "Accept", value: "*/*")
        for header in action.httpHeaders ?? [] { request.headers.replaceOrAdd(name: header.name, value: header.value) }
        let response = try await httpClient.execute(request, timeout: .nanoseconds(Int64(timeout.seconds * 1e9)))
        _ = try? await response.body.collect(upTo: 10 * 1024)
        let code = Int(response.status.code)
        return (200..<400).contains(code) ? .success : .failure("HTTP probe failed with statuscode: \(code)")
    }

    private func tcpSocket(_ action: Probe.TCPSocketAction, timeout: Duration) async throws -> Result {
        let host = action.host.flatMap { $0.isEmpty ? nil : $0 } ?? podIP
        let port = try port(action.port)
        let channel = try await ClientBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .connectTimeout(.nanoseconds(Int64(timeout.seconds * 1e9)))
            .connect(host: host, port: port).get()
        try? await channel.close()
        return .success
    }

    private func exec(_ command: [String], timeout: Duration) async throws -> Result {
        guard !command.isEmpty else { return .failure("exec probe has no command") }
        let seconds = max(Int(timeout.seconds.rounded(.up)), 1)
        let nsenter = try HostCommand.locate("nsenter")
        let arguments = ["--signal=KILL", "\(seconds)", nsenter, "--target", "\(pid)", "--net", "--mount", "--"] + command
        let status = try await HostCommand.runAllowingFailure("timeout", arguments, environment: environment).status
        if status == 124 || status == 137 { return .failure("command timed out after \(seconds)s") }
        return status == 0 ? .success : .failure("command exited \(status)")
    }
}
