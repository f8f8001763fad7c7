import Foundation
import NIOSSL

extension ClientConfiguration {
    /// Where Kubernetes mounts a pod's service-account token, CA and namespace.
    public static let serviceAccountDirectory = "/var/run/secrets/kubernetes.io/serviceaccount"

    /// The configuration of a pod talking to its own cluster: the API server from
    /// `KUBERNETES_SERVICE_HOST`/`_PORT`, the CA and (rotating) token of the mounted service account.
    public static func inCluster(
        environment: [String: String] = ProcessInfo.processInfo.environment,
        serviceAccountDirectory: String = ClientConfiguration.serviceAccountDirectory
    ) throws -> ClientConfiguration {
        guard let host = environment["KUBERNETES_SERVICE_HOST"], !host.isEmpty,
            let port = environment["KUBERNETES_SERVICE_PORT"], !port.isEmpty
        else {
            throw KubeconfigError.notInCluster(detail: "KUBERNETES_SERVICE_HOST and KUBERNETES_SERVICE_PORT must be set")
        }
        let tokenPath = "\(serviceAccountDirectory)/token"
        guard FileManager.default.isReadableFile(atPath: tokenPath) else {
            throw KubeconfigError.notInCluster(detail: "no service-account token at \(tokenPath)")
        }
        let caPath = "\(serviceAccountDirectory)/ca.crt"
        let trustRoots: [NIOSSLCertificate]
        do {
            trustRoots = try NIOSSLCertificate.fromPEMBytes(readBytes(caPath))
            guard !trustRoots.isEmpty else { throw NIOSSLError.failedToLoadCertificate }
        } catch {
            throw KubeconfigError.notInCluster(detail: "no usable CA certificate at \(caPath)")
        }
        let namespace = (try? readText("\(serviceAccountDirectory)/namespace"))?
            .trimmingCharacters(in: .whitespacesAndNewlines)
        let hostPart = host.contains(":") ? "[\(host)]" : host
        return ClientConfiguration(
            server: "https://\(hostPart):\(port)", trustRoots: trustRoots,
            credentials: .tokenFile(path: tokenPath), namespace: namespace?.isEmpty == false ? namespace : nil)
    }
}
