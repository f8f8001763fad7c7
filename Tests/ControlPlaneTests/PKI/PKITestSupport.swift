import Foundation
import X509

@testable import ControlPlane

/// Fixtures and helpers of the PKI tests; names carry a `PKI` prefix so they cannot clash with the
/// controller tests' helpers in the same target.
enum PKIFixture {
    static let clusterName = "alpha"
    static let names = PKISecretNames(clusterName: clusterName)
    /// A fixed issuing time, so validity windows can be asserted exactly.
    static let now = Date(timeIntervalSince1970: 1_800_000_000)

    /// Settings of a cluster served through a Service and a load balancer, as the controller fills them.
    static func settings(_ algorithm: CertificateKeyAlgorithm = .ecdsaP256) -> ClusterPKISettings {
        ClusterPKISettings(
            clusterName: clusterName, namespace: "tenants", controlPlaneEndpoint: "https://alpha.example.com:6443",
            keyAlgorithm: algorithm,
            apiServerDNSNames: ["alpha", "alpha.tenants", "alpha.tenants.svc", "alpha.tenants.svc.cluster.local", "alpha.example.com"],
            apiServerIPAddresses: ["10.96.0.10", "10.0.0.1", "192.0.2.7", "fd00::10"],
            etcdDNSNames: ["alpha-etcd", "alpha-etcd-0.alpha-etcd.tenants.svc"],
            konnectivityDNSNames: ["alpha.example.com"],
            konnectivityIPAddresses: ["192.0.2.7"])
    }

    static func certificate(_ pki: ClusterPKI, _ secret: String, key: String = PKISecretKey.certificate) throws -> Certificate {
        let data = try (pki.secrets[secret]?[key]).orPKIFailure("\(secret) has no \(key)")
        return try Certificate(pemEncoded: String(decoding: data, as: UTF8.self))
    }

    static func text(_ pki: ClusterPKI, _ secret: String, _ key: String) throws -> String {
        String(decoding: try (pki.secrets[secret]?[key]).orPKIFailure("\(secret) has no \(key)"), as: UTF8.self)
    }
}

/// A PKI test's own failure, with a message saying what went wrong.
struct PKITestFailure: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}

extension Optional {
    func orPKIFailure(_ message: String) throws -> Wrapped {
        guard let self else { throw PKITestFailure(message) }
        return self
    }
}

/// A finished command: exit status and both output streams.
struct PKICommandResult {
    var status: Int32
    var output: String
}

/// Runs a system tool (openssl, kubectl) in a fresh directory holding `files`; its output goes
/// to files, not to pipes nobody drains.
func runPKITool(_ executable: String, _ arguments: [String], files: [String: Data] = [:]) throws -> PKICommandResult {
    let directory = FileManager.default.temporaryDirectory.appendingPathComponent("pki-tests-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: directory) }
    for (name, data) in files {
        try data.write(to: directory.appendingPathComponent(name))
    }
    let outputURL = directory.appendingPathComponent(".output")
    FileManager.default.createFile(atPath: outputURL.path, contents: nil)
    let output = try FileHandle(forWritingTo: outputURL)
    let process = Process()
    process.executableURL = URL(fileURLWithPath: executable)
    process.arguments = arguments
    process.currentDirectoryURL = directory
    process.environment = ["PATH": "/usr/bin:/bin", "HOME": directory.path]
    process.standardOutput = output
    process.standardError = output
    try process.run()
    process.waitUntilExit()
    try output.close()
    return PKICommandResult(status: process.terminationStatus, output: try String(contentsOf: outputURL, encoding: .utf8))
}
