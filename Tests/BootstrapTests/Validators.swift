import Foundation

/// The real validators the user data must pass: Debian's `cloud-init schema` and `ignition-validate`.
enum Validators {
    /// `nil` when `cloud-init schema --config-file` accepts `document`, else its output.
    static func cloudInitSchemaProblems(_ document: [UInt8]) throws -> String? {
        let result = try withScratchDirectory {
            try runCommand("/usr/bin/cloud-init", ["schema", "--config-file", try $0.write("user-data", document)])
        }
        return result.status == 0 ? nil : result.outputText
    }

    /// `nil` when `ignition-validate` accepts `config` without errors or warnings, else its output.
    static func ignitionProblems(_ config: [UInt8]) throws -> String? {
        let result = try withScratchDirectory { try runCommand("/usr/bin/ignition-validate", [try $0.write("config.ign", config)]) }
        return result.status == 0 && result.outputText.isEmpty ? nil : result.outputText
    }
}
