import Bootstrap
import ControlPlane
import KubeKit
import SSHMachines

/// The three CAPI providers Mothership ships, each installed by `clusterctl init` on its own
/// (`--control-plane mothership --bootstrap mothership --infrastructure mothership`), each
/// running the one binary with only its controllers.
enum ProviderType: String, CaseIterable, Sendable {
    case controlPlane = "control-plane"
    case bootstrap
    case infrastructure

    /// `cluster.x-k8s.io/provider` label value, as clusterctl names providers.
    var providerLabel: String { "\(rawValue)-mothership" }

    /// The namespace the provider's manager runs in.
    var namespace: String { "mothership-\(rawValue)-system" }

    /// The prefix of the provider's object names.
    var prefix: String { "mothership-\(rawValue)" }

    /// The kinds the provider defines, whose CRDs its components carry. Each provider's
    /// issue adds its kinds here.
    var kinds: [any CustomResource.Type] {
        switch self {
        case .bootstrap: return [WorkerConfig.self, WorkerConfigTemplate.self]
        case .infrastructure: return SSHMachinesProvider.kinds
        case .controlPlane: return HostedControlPlaneReconciler.kinds
        }
    }

    /// What the provider's controllers read or write beyond its own kinds, CAPI's objects,
    /// Secrets and Events, as (API group, resources, verbs).
    var additionalPermissions: [(group: String, resources: [String], verbs: [String])] {
        let all = ["get", "list", "watch", "create", "update", "patch", "delete"]
        switch self {
        case .controlPlane:
            // A hosted control plane is a StatefulSet behind a Service, configured by ConfigMaps,
            // kept available by a PodDisruptionBudget; a NodePort endpoint needs a node's address.
            return [
                ("", ["configmaps", "services"], all),
                ("", ["nodes"], ["get", "list", "watch"]),
                ("apps", ["statefulsets"], all),
                ("policy", ["poddisruptionbudgets"], all),
            ]
        case .bootstrap, .infrastructure:
            return []
        }
    }
}
