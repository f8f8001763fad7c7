import ClusterAPI
import KubeKit

/// The `machine-template-hash` of a MachineDeployment's machine template: FNV-1a (32 bit) over
/// the template's JSON with sorted keys, without the hash label itself, written with the
/// unambiguous alphabet Kubernetes uses for generated names (`rand.SafeEncodeString`), as the
/// Deployment controller hashes its pod templates. Equal templates give equal hashes, so the
/// MachineSet of a template is found again after a restart; its name is `<deployment>-<hash>`.
enum MachineTemplateHash {
    static func of(_ template: MachineTemplateSpec) throws -> String {
        var template = template
        template.metadata?.labels?[ClusterAPIGroup.machineTemplateHashLabel] = nil
        if template.metadata?.labels?.isEmpty == true { template.metadata?.labels = nil }
        var hash: UInt32 = 2_166_136_261
        for byte in canonical(try JSONValue(encoding: template)).utf8 {
            hash ^= UInt32(byte)
            hash = hash &* 16_777_619
        }
        let alphabet = Array("bcdfghjklmnpqrstvwxz2456789")
        return String(String(hash).map { alphabet[Int($0.asciiValue ?? 0) % alphabet.count] })
    }

    /// JSON text with object keys sorted, so equal values always give equal text.
    private static func canonical(_ value: JSONValue) -> String {
        switch value {
        case .null: return "null"
        case .bool(let value): return value ? "true" : "false"
        case .int(let value): return String(value)
        case .double(let value): return String(value)
        case .string(let value): return "\"\(value.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\""))\""
        case .array(let values): return "[" + values.map(canonical).joined(separator: ",") + "]"
        case .object(let fields):
            return "{" + fields.keys.sorted().map { "\(canonical(.string($0))):\(canonical(fields[$0]!))" }.joined(separator: ",") + "}"
        }
    }
}
