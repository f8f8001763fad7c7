import Foundation
import KubeKit

/// The join tokens of one hosted cluster: created for a worker, extended while it has not
/// joined (bare metal can take longer to boot than a token lives), deleted once it has. Each
/// token's Secret carries a label naming its WorkerConfig, so the management side stores
/// nothing about it.
public struct JoinTokens: Sendable {
    /// The label on a token's Secret naming its WorkerConfig as `<namespace>.<name>`.
    public static let workerConfigLabel = "bootstrap.mothership.dev/worker-config"
    /// The group every Mothership join token authenticates as, bound to what joining needs.
    public static let joinGroup = "system:bootstrappers:mothership:worker"
    /// The group kubeadm's join RBAC is bound to.
    public static let kubeadmGroup = "system:bootstrappers:kubeadm:default-node-token"

    /// A client of the hosted cluster.
    public let hosted: KubeClient

    public init(hosted: KubeClient) { self.hosted = hosted }

    /// Stores `token` (by default a new one) for the WorkerConfig `owner` (`<namespace>.<name>`),
    /// valid for `ttl`, and makes sure the bindings joining nodes need exist.
    @discardableResult
    public func create(_ token: BootstrapToken = .generate(), for owner: String, ttl: Duration, now: Date = Date()) async throws -> BootstrapToken {
        try await ensureJoinBindings()
        _ = try await hosted.create(
            token.secret(
                expiration: now.addingTimeInterval(ttl.seconds), groups: [Self.joinGroup, Self.kubeadmGroup],
                labels: [Self.workerConfigLabel: owner], usage: "Mothership join token of WorkerConfig \(owner)"))
        return token
    }

    /// The token of `owner` and when it expires, if one exists.
    public func find(for owner: String) async throws -> (token: BootstrapToken, expiration: Date?)? {
        let secrets = try await hosted.list(Secret.self, namespace: "kube-system", options: ListOptions(labelSelector: [Self.workerConfigLabel: owner]))
        guard let secret = secrets.items.first, let token = BootstrapToken(secret: secret) else { return nil }
        let expiration = secret.data?["expiration"].flatMap { String(data: $0, encoding: .utf8) }.flatMap(RFC3339.parse)
        return (token, expiration)
    }

    /// Moves the expiry of `token` to `ttl` from now.
    public func extend(_ token: BootstrapToken, ttl: Duration, now: Date = Date()) async throws {
        _ = try await hosted.patch(
            Secret.self, name: token.secretName, namespace: "kube-system",
            patch: .merge(["stringData": ["expiration": .string(RFC3339.format(now.addingTimeInterval(ttl.seconds)))]]))
    }

    /// Deletes `token`; a token already gone is fine.
    public func delete(_ token: BootstrapToken) async throws {
        do {
            try await hosted.delete(Secret.self, name: token.secretName, namespace: "kube-system")
        } catch let error as KubeError where error.code == .notFound {}
    }

    /// The ClusterRoleBindings kubeadm creates at `init` for joining nodes: bootstrapping nodes
    /// may request kubelet client certificates and have them approved; nodes may renew theirs.
    func ensureJoinBindings() async throws {
        let bindings: [(name: String, role: String, group: String)] = [
            ("mothership:kubelet-bootstrap", "system:node-bootstrapper", Self.joinGroup),
            ("mothership:node-autoapprove-bootstrap", "system:certificates.k8s.io:certificatesigningrequests:nodeclient", Self.joinGroup),
            ("mothership:node-autoapprove-certificate-rotation", "system:certificates.k8s.io:certificatesigningrequests:selfnodeclient", "system:nodes"),
        ]
        for binding in bindings {
            let object = UnstructuredObject(
                apiVersion: "rbac.authorization.k8s.io/v1", kind: "ClusterRoleBinding", metadata: ObjectMeta(name: binding.name),
                content: [
                    "roleRef": ["apiGroup": "rbac.authorization.k8s.io", "kind": "ClusterRole", "name": .string(binding.role)],
                    "subjects": [["apiGroup": "rbac.authorization.k8s.io", "kind": "Group", "name": .string(binding.group)]],
                ])
            _ = try await hosted.apply(object, resource: Self.clusterRoleBindings, options: ApplyOptions(fieldManager: "mothership-bootstrap", force: true))
        }
    }

    private static let clusterRoleBindings = ResourceDescriptor(
        group: "rbac.authorization.k8s.io", version: "v1", kind: "ClusterRoleBinding", plural: "clusterrolebindings", namespaced: false)
}
