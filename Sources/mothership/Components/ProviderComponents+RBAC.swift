import KubeKit

extension ProviderComponents {
    /// A ClusterRole and binding with what the manager needs everywhere (its own kinds, CAPI
    /// objects to read, bootstrap and credential Secrets, Events); a Role and binding for its
    /// leader election Lease in its own namespace only; and the ClusterRole CAPI's manager
    /// aggregates to read and write our kinds.
    func rbac() -> [JSONValue] {
        let managerRole = "\(provider.prefix)-manager-role"
        let subject: JSONValue = ["kind": "ServiceAccount", "name": .string(serviceAccountName), "namespace": .string(provider.namespace)]
        return [
            ["apiVersion": "rbac.authorization.k8s.io/v1", "kind": "ClusterRole", "metadata": ["name": .string(managerRole)], "rules": .array(managerRules())],
            [
                "apiVersion": "rbac.authorization.k8s.io/v1", "kind": "ClusterRoleBinding", "metadata": ["name": .string("\(provider.prefix)-manager-rolebinding")],
                "roleRef": ["apiGroup": "rbac.authorization.k8s.io", "kind": "ClusterRole", "name": .string(managerRole)], "subjects": [subject],
            ],
            [
                "apiVersion": "rbac.authorization.k8s.io/v1", "kind": "Role",
                "metadata": ["name": .string("\(provider.prefix)-leader-election-role"), "namespace": .string(provider.namespace)],
                "rules": [rule("coordination.k8s.io", ["leases"], ["get", "create", "update"])],
            ],
            [
                "apiVersion": "rbac.authorization.k8s.io/v1", "kind": "RoleBinding",
                "metadata": ["name": .string("\(provider.prefix)-leader-election-rolebinding"), "namespace": .string(provider.namespace)],
                "roleRef": ["apiGroup": "rbac.authorization.k8s.io", "kind": "Role", "name": .string("\(provider.prefix)-leader-election-role")],
                "subjects": [subject],
            ],
            [
                "apiVersion": "rbac.authorization.k8s.io/v1", "kind": "ClusterRole",
                "metadata": ["name": .string("\(provider.prefix)-aggregated-manager-role"), "labels": ["cluster.x-k8s.io/aggregate-to-manager": "true"]],
                "rules": .array(ownKindRules(verbs: ["get", "list", "watch", "create", "update", "patch", "delete"])),
            ],
        ]
    }

    private func managerRules() -> [JSONValue] {
        ownKindRules(verbs: ["get", "list", "watch", "create", "update", "patch", "delete"])
            + ownKindRules(subresources: ["status", "finalizers"], verbs: ["get", "update", "patch"])
            + [
                rule("cluster.x-k8s.io", ["clusters", "machines", "machinesets", "machinedeployments"], ["get", "list", "watch"]),
                rule("", ["secrets"], ["get", "list", "watch", "create", "update", "patch", "delete"]),
                rule("events.k8s.io", ["events"], ["create", "patch"]),
            ]
            + provider.additionalPermissions.map { rule($0.group, $0.resources, $0.verbs) }
    }

    /// Rules over the provider's kinds, one per API group; none when it has no kinds.
    private func ownKindRules(subresources: [String] = [], verbs: [String]) -> [JSONValue] {
        var pluralsByGroup: [String: [String]] = [:]
        for kind in provider.kinds {
            pluralsByGroup[kind.resource.group, default: []].append(kind.resource.plural)
        }
        return pluralsByGroup.keys.sorted().map { group in
            let plurals = pluralsByGroup[group, default: []].sorted()
            let resources = subresources.isEmpty ? plurals : plurals.flatMap { plural in subresources.map { "\(plural)/\($0)" } }
            return rule(group, resources, verbs)
        }
    }

    private func rule(_ group: String, _ resources: [String], _ verbs: [String]) -> JSONValue {
        ["apiGroups": [.string(group)], "resources": .array(resources.map { .string($0) }), "verbs": .array(verbs.map { .string($0) })]
    }
}
