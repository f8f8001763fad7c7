/// The rules a HostedControlPlane's spec must follow beyond its schema: versions go up one
/// minor version at a time and never down, and kine over SQLite serves one replica. A refused
/// spec keeps what runs (the running version, one replica) and says why.
struct SpecRules {
    /// What to render.
    var version: KubernetesVersion
    var replicas: Int32
    /// Why part of the spec is not carried out, if it is not.
    var refusal: (reason: String, message: String)?

    static func evaluate(_ controlPlane: HostedControlPlane) throws -> SpecRules {
        guard let requested = KubernetesVersion(controlPlane.spec.version) else {
            throw HostedControlPlaneReconciler.Failure(
                condition: HostedControlPlaneReconciler.ConditionType.specAccepted, reason: "InvalidVersion",
                message: "spec.version \(controlPlane.spec.version) is not a version such as v1.31.2", terminal: true)
        }
        var rules = SpecRules(version: requested, replicas: controlPlane.spec.replicas ?? 1)
        if let runningText = controlPlane.status?.version, let running = KubernetesVersion(runningText) {
            if requested < running {
                rules.version = running
                rules.refusal = ("VersionDowngradeRefused", "spec.version \(requested) is older than the running \(running); downgrades are not supported")
            } else if requested.major != running.major || requested.minor > running.minor + 1 {
                rules.version = running
                rules.refusal = (
                    "VersionSkipRefused",
                    "spec.version \(requested) skips a minor version; upgrade from \(running) to v\(running.major).\(running.minor + 1) first"
                )
            }
        }
        if controlPlane.spec.datastore?.type == .sqlite, rules.replicas > 1 {
            rules.replicas = 1
            rules.refusal = (
                "SQLiteReplicasRefused",
                "spec.replicas \(controlPlane.spec.replicas ?? 1) needs a shared datastore; kine over SQLite (spec.datastore.type sqlite) serves exactly one replica"
            )
        }
        return rules
    }
}
