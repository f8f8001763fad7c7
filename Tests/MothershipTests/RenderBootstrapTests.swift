import Foundation
import KubeKitTesting
import Testing

@Suite("mothership render bootstrap")
struct RenderBootstrapTests {
    static let caFile = "\(Envtest.repositoryRoot)/Tests/Fixtures/bootstrap-golden/test-ca.pem"

    func write(_ yaml: String) throws -> String {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("workerconfig-\(UUID().uuidString).yaml").path
        try yaml.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    @Test("a WorkerConfig renders offline to user data the real cloud-init accepts, joining with the given token")
    func renders() throws {
        let path = try write("""
            apiVersion: bootstrap.mothership.dev/v1beta1
            kind: WorkerConfig
            metadata: {name: rack-7, namespace: edge}
            spec:
              flavor: kubeadm
              version: v1.31.2
              files: [{path: /etc/motd, content: "rack 7"}]
              nodeLabels: {rack: "7"}
            """)
        let rendered = try runMothership(
            ["render", "bootstrap", "-f", path, "--ca-file", Self.caFile, "--token", "abcdef.0123456789abcdef", "--endpoint", "https://10.0.0.1:6443"],
            environment: [:])
        #expect(rendered.status == 0, "\(rendered.output)")
        #expect(rendered.output.hasPrefix("#cloud-config") && rendered.output.contains("abcdef.0123456789abcdef"))
        let userData = FileManager.default.temporaryDirectory.appendingPathComponent("user-data-\(UUID().uuidString)").path
        try rendered.output.write(toFile: userData, atomically: true, encoding: .utf8)
        let schema = Process()
        schema.executableURL = URL(fileURLWithPath: "/usr/bin/cloud-init")
        schema.arguments = ["schema", "--config-file", userData]
        schema.standardOutput = FileHandle.nullDevice
        schema.standardError = FileHandle.nullDevice
        try schema.run()
        schema.waitUntilExit()
        #expect(schema.terminationStatus == 0)
    }

    @Test("content from the cluster or a missing version is a clear error")
    func offlineLimits() throws {
        let fromSecret = try write("""
            apiVersion: bootstrap.mothership.dev/v1beta1
            kind: WorkerConfig
            metadata: {name: a}
            spec:
              version: v1.31.2+k0s.0
              files: [{path: /etc/x, contentFrom: {secret: {name: s, key: k}}}]
            """)
        let first = try runMothership(["render", "bootstrap", "-f", fromSecret, "--ca-file", Self.caFile], environment: [:])
        #expect(first.status != 0 && first.output.contains("file /etc/x takes its content from the cluster"))
        let noVersion = try write("apiVersion: bootstrap.mothership.dev/v1beta1\nkind: WorkerConfig\nmetadata: {name: a}\nspec: {}\n")
        let second = try runMothership(["render", "bootstrap", "-f", noVersion, "--ca-file", Self.caFile], environment: [:])
        #expect(second.status != 0 && second.output.contains("--kubernetes-version"))
    }
}
