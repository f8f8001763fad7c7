import ArgumentParser
import Foundation
import KubeKit

/// `mothership components`: the clusterctl release artifacts — each provider's components
/// YAML, the CRDs, `metadata.yaml` — printed, written to `config/`, or checked against it.
struct ComponentsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "components",
        abstract: "Print, write or check the clusterctl components of the providers.")

    @Option(help: "Print only this provider's components: control-plane, bootstrap or infrastructure.")
    var provider: String?

    @Option(help: "Write every generated file under this directory (e.g. config).")
    var write: String?

    @Option(help: "Fail when the files under this directory differ from what would be generated.")
    var check: String?

    func run() async throws {
        let files = try Self.files()
        if let write {
            for (path, text) in files {
                let url = URL(fileURLWithPath: write).appendingPathComponent(path)
                try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
                try text.write(to: url, atomically: true, encoding: .utf8)
            }
            return
        }
        if let check {
            let stale = files.filter { path, text in (try? String(contentsOfFile: "\(check)/\(path)", encoding: .utf8)) != text }.map(\.key).sorted()
            guard stale.isEmpty else {
                throw ValidationError("\(check) is out of date (\(stale.joined(separator: ", "))); run 'mothership components --write \(check)'")
            }
            return
        }
        let providers = try provider.map { name in
            guard let type = ProviderType(rawValue: name) else { throw ValidationError("unknown provider '\(name)'") }
            return [type]
        } ?? ProviderType.allCases
        for provider in providers {
            print(try YAMLDocuments.encode(ProviderComponents(provider: provider).objects()), terminator: "")
            if provider != providers.last { print("---") }
        }
    }

    /// Every generated file by its path under `config/`: `<provider>-components.yaml` for
    /// each provider, `crd/<group>_<plural>.yaml` for each kind, and `metadata.yaml`.
    static func files() throws -> [String: String] {
        var files: [String: String] = ["metadata.yaml": try YAMLDocuments.encode([ReleaseMetadata.document()])]
        for provider in ProviderType.allCases {
            let components = ProviderComponents(provider: provider)
            files["\(provider.rawValue)-components.yaml"] = try YAMLDocuments.encode(components.objects())
            for crd in components.customResourceDefinitions() {
                let group = crd[path: ["spec", "group"]]?.stringValue ?? ""
                let plural = crd[path: ["spec", "names", "plural"]]?.stringValue ?? ""
                files["crd/\(group)_\(plural).yaml"] = try YAMLDocuments.encode([crd])
            }
        }
        return files
    }
}
