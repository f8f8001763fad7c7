import ArgumentParser
import Bootstrap
import Foundation
import KubeKit

/// `mothership render`: what the controllers would generate, rendered offline for review.
struct RenderCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "render",
        abstract: "Render generated artifacts offline, for review.",
        subcommands: [RenderBootstrapCommand.self])
}

/// `mothership render bootstrap -f workerconfig.yaml`: the user data of a WorkerConfig.
struct RenderBootstrapCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bootstrap",
        abstract: "Render a WorkerConfig's user data (cloud-config or Ignition) to standard output.",
        discussion: "Files must be inline (content); contentFrom needs the cluster. A random join token is used unless --token is given.")

    @Option(name: .shortAndLong, help: "A YAML file with a WorkerConfig (the first one is rendered).")
    var filename: String

    @Option(help: "The hosted API server, as https://host:port.")
    var endpoint = "https://control-plane.example:6443"

    @Option(help: "The hosted cluster's CA certificate (PEM file).")
    var caFile: String

    @Option(help: "The Kubernetes version when the WorkerConfig sets none (the Machine's, in a cluster).")
    var kubernetesVersion: String?

    @Option(help: "A join token (<6 chars>.<16 chars>); default: a random one, valid nowhere.")
    var token: String?

    @Option(help: "Compress the user data when larger than this many bytes.")
    var sizeLimit = 65_535

    func run() async throws {
        let yaml = try String(contentsOfFile: filename, encoding: .utf8)
        guard let document = try YAMLDocuments.decode(yaml).first(where: { $0["kind"] == "WorkerConfig" }) else {
            throw ValidationError("\(filename) has no WorkerConfig")
        }
        let config = try JSONCoding.decoder.decode(WorkerConfig.self, from: JSONCoding.encoder.encode(document))
        guard let version = config.spec.version ?? kubernetesVersion else {
            throw ValidationError("the WorkerConfig sets no spec.version; give --kubernetes-version")
        }
        let files = try (config.spec.files ?? []).map { file in
            guard let content = file.content else {
                throw ValidationError("file \(file.path) takes its content from the cluster; inline it to render offline")
            }
            return BootstrapPlan.File(file, content: content)
        }
        let caPEM = try String(contentsOfFile: caFile, encoding: .utf8)
        let plan = try BootstrapPlan(
            config: config, version: version, files: files, machineName: config.metadata.name,
            join: BootstrapPlan.Join(apiServerEndpoint: endpoint, token: Sensitive(token ?? BootstrapToken.generate().token.value), caCertificatePEM: caPEM))
        let userData = try UserDataRenderer.render(plan, sizeLimit: sizeLimit)
        FileHandle.standardOutput.write(Data(userData.bytes))
    }
}
