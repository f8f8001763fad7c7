import Foundation
import KubeKit
import KubeKitTesting

/// Lets `user` read Widgets and hold Leases in `namespace` (a Role and a RoleBinding named after
/// the user); ``revoke(_:in:client:)`` takes it back.
func grant(_ user: String, in namespace: String, client: KubeClient) async throws {
    let objects = try YAMLDocuments.objects("""
        apiVersion: rbac.authorization.k8s.io/v1
        kind: Role
        metadata: {name: \(user), namespace: \(namespace)}
        rules:
        - {apiGroups: [test.mothership.dev], resources: [widgets], verbs: [get, list, watch]}
        - {apiGroups: [coordination.k8s.io], resources: [leases], verbs: [get, create, update]}
        ---
        apiVersion: rbac.authorization.k8s.io/v1
        kind: RoleBinding
        metadata: {name: \(user), namespace: \(namespace)}
        roleRef: {apiGroup: rbac.authorization.k8s.io, kind: Role, name: \(user)}
        subjects: [{apiGroup: rbac.authorization.k8s.io, kind: User, name: \(user)}]
        """)
    for (object, resource) in zip(objects, [RBAC.role, RBAC.roleBinding]) {
        _ = try await client.apply(object, resource: resource, options: ApplyOptions(fieldManager: "test", force: true))
    }
}

/// Takes back what ``grant(_:in:client:)`` gave.
func revoke(_ user: String, in namespace: String, client: KubeClient) async throws {
    try await client.delete(resource: RBAC.roleBinding, name: user, namespace: namespace)
}

enum RBAC {
    static let role = ResourceDescriptor(group: "rbac.authorization.k8s.io", version: "v1", kind: "Role", plural: "roles", namespaced: true)
    static let roleBinding = ResourceDescriptor(
        group: "rbac.authorization.k8s.io", version: "v1", kind: "RoleBinding", plural: "rolebindings", namespaced: true)
}

/// One sample of a Prometheus text exposition: `name{label="value",…} value`.
struct PrometheusSample: Hashable {
    var name: String
    var labels: [String: String]
    var value: Double
}

/// Parses the Prometheus text format (comments skipped); fails on a line that is not a sample.
func parsePrometheus(_ text: String) throws -> [PrometheusSample] {
    try text.split(separator: "\n").filter { !$0.hasPrefix("#") && !$0.isEmpty }.map { line in
        guard let space = line.lastIndex(of: " "), let value = Double(line[line.index(after: space)...]) else {
            throw MetricsParseError(line: String(line))
        }
        let series = line[..<space]
        guard let brace = series.firstIndex(of: "{") else {
            return PrometheusSample(name: String(series), labels: [:], value: value)
        }
        guard series.hasSuffix("}") else { throw MetricsParseError(line: String(line)) }
        var labels: [String: String] = [:]
        for pair in series[series.index(after: brace)..<series.index(before: series.endIndex)].split(separator: ",") {
            let parts = pair.split(separator: "=", maxSplits: 1)
            guard parts.count == 2, parts[1].hasPrefix("\""), parts[1].hasSuffix("\"") else { throw MetricsParseError(line: String(line)) }
            labels[String(parts[0])] = String(parts[1].dropFirst().dropLast())
        }
        return PrometheusSample(name: String(series[..<brace]), labels: labels, value: value)
    }
}

struct MetricsParseError: Error {
    var line: String
}

extension [PrometheusSample] {
    /// The value of the sample `name` whose labels include `labels`.
    func value(_ name: String, _ labels: [String: String] = [:]) -> Double? {
        first { sample in sample.name == name && labels.allSatisfy { key, value in sample.labels[key] == value } }?.value
    }
}
