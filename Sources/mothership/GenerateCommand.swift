import ArgumentParser
import Foundation
import KubeKit

/// `mothership generate`: renders manifests from templates, like `clusterctl generate`.
struct GenerateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "generate",
        abstract: "Render manifests from templates, as clusterctl generate does.",
        subcommands: [GenerateClusterCommand.self])
}

/// `mothership generate cluster NAME`: a workload cluster's manifests from a flavor's template.
struct GenerateClusterCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "cluster",
        abstract: "Render a cluster template with clusterctl's variable rules.",
        discussion: """
            Variables come from the flags below, then the environment, then the clusterctl config file \
            ($XDG_CONFIG_HOME/cluster-api/clusterctl.yaml or ~/.cluster-api/clusterctl.yaml). \
            ${VAR} needs a value; ${VAR:=default} and ${VAR:-default} fall back when VAR is unset or \
            empty, ${VAR=default} and ${VAR-default} when it is unset.
            """)

    @Argument(help: "The cluster's name (CLUSTER_NAME).")
    var name: String

    @Option(help: "The template flavor: templates/cluster-template-<flavor>.yaml; none: cluster-template.yaml.")
    var flavor: String?

    @Option(help: "A template file to render instead of a flavor's.")
    var from: String?

    @Option(help: "Where flavors' templates are.")
    var templates = "templates"

    @Option(help: "The namespace of the cluster's objects (NAMESPACE).")
    var targetNamespace = "default"

    @Option(help: "The Kubernetes version (KUBERNETES_VERSION).")
    var kubernetesVersion: String?

    @Option(help: "Control-plane replicas (CONTROL_PLANE_MACHINE_COUNT).")
    var controlPlaneMachineCount = 1

    @Option(help: "Worker replicas (WORKER_MACHINE_COUNT).")
    var workerMachineCount = 0

    @Flag(help: "List the template's variables instead of rendering it.")
    var listVariables = false

    func run() async throws {
        let path = from ?? "\(templates)/cluster-template\(flavor.map { "-\($0)" } ?? "").yaml"
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else {
            throw ValidationError("cannot read the template \(path)\(flavor.map { " (flavor \($0))" } ?? "")")
        }
        let template = try TemplateVariables(parsing: text)
        if listVariables {
            for reference in template.references {
                print(reference.fallback.map { "\(reference.name) (default: \($0))" } ?? reference.name)
            }
            return
        }
        var values = try Self.configFileVariables()
        values.merge(ProcessInfo.processInfo.environment) { $1 }
        values["CLUSTER_NAME"] = name
        values["NAMESPACE"] = targetNamespace
        values["CONTROL_PLANE_MACHINE_COUNT"] = String(controlPlaneMachineCount)
        values["WORKER_MACHINE_COUNT"] = String(workerMachineCount)
        if let kubernetesVersion { values["KUBERNETES_VERSION"] = kubernetesVersion }
        let rendered = try template.render(values)
        do {
            _ = try YAMLDocuments.objects(rendered)
        } catch {
            throw ValidationError("the rendered template \(path) is not a list of Kubernetes objects: \(error)")
        }
        print(rendered, terminator: rendered.hasSuffix("\n") ? "" : "\n")
    }

    /// The variables of the clusterctl config file, if there is one.
    static func configFileVariables(environment: [String: String] = ProcessInfo.processInfo.environment) throws -> [String: String] {
        let home = environment["HOME"] ?? NSHomeDirectory()
        let candidates = [
            environment["XDG_CONFIG_HOME"].map { "\($0)/cluster-api/clusterctl.yaml" } ?? "\(home)/.config/cluster-api/clusterctl.yaml",
            "\(home)/.cluster-api/clusterctl.yaml",
        ]
        guard let path = candidates.first(where: { FileManager.default.fileExists(atPath: $0) }) else { return [:] }
        let document = try YAMLDocuments.decode(String(contentsOfFile: path, encoding: .utf8)).first ?? [:]
        guard let fields = document.objectValue else {
            throw ValidationError("the clusterctl config file \(path) is not a map of variables")
        }
        return fields.compactMapValues { value in
            switch value {
            case .string(let text): return text
            case .int(let number): return String(number)
            case .double(let number): return String(number)
            case .bool(let flag): return String(flag)
            default: return nil
            }
        }
    }
}
