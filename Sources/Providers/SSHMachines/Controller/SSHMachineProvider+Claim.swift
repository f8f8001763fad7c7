import Crypto
import Foundation
import KubeKit
import ProviderKit

extension SSHMachineProvider {
    /// Claims a free SSHHost matching the machine's selector. The claim is a write of
    /// `spec.consumerRef` under the host's `resourceVersion` as read: when another machine
    /// claimed (or anyone changed) the host meanwhile, the API server refuses with a conflict
    /// and the next host is tried — two machines can never both hold one host. Each machine
    /// starts at a different host (by a hash of its UID) so concurrent claims rarely collide.
    func claimHost(for context: MachineContext<SSHMachine>) async throws -> Creation {
        let selector = context.object.spec.hostSelector ?? LabelSelectorSpec()
        let hosts = try await client.listAll(SSHHost.self, namespace: context.namespace).items
            .filter { selector.matches($0.metadata.labels ?? [:]) }
            .sorted { ($0.metadata.name ?? "") < ($1.metadata.name ?? "") }
        let free = hosts.filter { $0.spec.consumerRef == nil && !$0.metadata.isBeingDeleted }
        guard !free.isEmpty else {
            return .waiting(reason: "WaitingForHost", message: "no free SSHHost matches spec.hostSelector (\(hosts.count) match, all claimed)")
        }
        let uid = context.object.metadata.uid ?? ""
        let start = Int(SHA256.hash(data: Data(uid.utf8)).prefix(4).reduce(0) { $0 << 8 | UInt32($1) } % UInt32(free.count))
        for offset in 0..<free.count {
            let host = free[(start + offset) % free.count]
            let patch: JSONValue = [
                "metadata": ["resourceVersion": .string(host.metadata.resourceVersion ?? "")],
                "spec": ["consumerRef": ["name": .string(context.name), "uid": .string(uid)]],
            ]
            do {
                _ = try await client.patch(SSHHost.self, name: host.metadata.name ?? "", namespace: context.namespace, patch: .merge(patch))
                return .created(MachineIdentity(host.metadata.name ?? ""))
            } catch let error as KubeError where error.code == .conflict || error.code == .notFound {
                continue
            }
        }
        return .waiting(reason: "WaitingForHost", message: "every free SSHHost matching spec.hostSelector was claimed by another machine meanwhile")
    }

    /// Records on the claimed host, before anything runs there, that bootstrap started for
    /// `machine`: deletion then knows the host needs cleaning up. A host never reached (wrong
    /// address, refused connection, host key mismatch) is released without connecting.
    func markBootstrapStarted(on host: SSHHost, for machine: SSHMachine) async throws {
        guard !host.bootstrapStarted(for: machine) else { return }
        let patch: JSONValue = [
            "metadata": [
                "resourceVersion": .string(host.metadata.resourceVersion ?? ""),
                "annotations": [SSHHost.bootstrapStartedAnnotation: .string(machine.metadata.uid ?? "")],
            ]
        ]
        _ = try await client.patch(SSHHost.self, name: host.metadata.name ?? "", namespace: host.metadata.namespace, patch: .merge(patch))
    }

    /// Clears the claim and the bootstrap mark, under the host's `resourceVersion` as read.
    func release(_ host: SSHHost) async throws {
        let patch: JSONValue = [
            "metadata": ["resourceVersion": .string(host.metadata.resourceVersion ?? ""), "annotations": [SSHHost.bootstrapStartedAnnotation: .null]],
            "spec": ["consumerRef": .null],
        ]
        do {
            _ = try await client.patch(SSHHost.self, name: host.metadata.name ?? "", namespace: host.metadata.namespace, patch: .merge(patch))
        } catch let error as KubeError where error.code == .notFound {
            return
        }
    }
}

extension LabelSelectorSpec {
    /// Whether `labels` satisfy every requirement (an empty selector matches everything).
    func matches(_ labels: [String: String]) -> Bool {
        let equal = (matchLabels ?? [:]).allSatisfy { labels[$0.key] == $0.value }
        return equal && (matchExpressions ?? []).allSatisfy { requirement in
            let value = labels[requirement.key]
            switch requirement.operator {
            case "In": return value.map { (requirement.values ?? []).contains($0) } ?? false
            case "NotIn": return !(value.map { (requirement.values ?? []).contains($0) } ?? false)
            case "Exists": return value != nil
            case "DoesNotExist": return value == nil
            default: return false
            }
        }
    }
}

extension SSHHost {
    /// Set on a claimed host to the UID of the SSHMachine whose bootstrap started running there.
    public static let bootstrapStartedAnnotation = "infrastructure.mothership.dev/bootstrap-started-for"

    /// Whether bootstrap for `machine` started running on this host.
    func bootstrapStarted(for machine: SSHMachine) -> Bool {
        guard let uid = machine.metadata.uid else { return false }
        return metadata.annotations?[Self.bootstrapStartedAnnotation] == uid
    }
}
