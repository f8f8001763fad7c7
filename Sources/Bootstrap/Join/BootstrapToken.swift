import Foundation
import KubeKit

/// A Kubernetes bootstrap token (`<id>.<secret>`, 6 + 16 characters of `[a-z0-9]`): what a new
/// node presents to the hosted API server to get its kubelet certificate. It lives as a
/// `bootstrap.kubernetes.io/token` Secret in the hosted cluster's `kube-system`. Its description
/// shows the id only; the secret half never appears in logs or errors.
public struct BootstrapToken: Sendable, Hashable, CustomStringConvertible {
    /// The public half; the Secret is named `bootstrap-token-<id>`.
    public let id: String
    /// The private half.
    public let secret: Sensitive<String>

    private static let alphabet = Array("abcdefghijklmnopqrstuvwxyz0123456789")

    /// A new random token.
    public static func generate() -> BootstrapToken {
        var generator = SystemRandomNumberGenerator()
        func random(_ count: Int) -> String { String((0..<count).map { _ in alphabet.randomElement(using: &generator)! }) }
        return BootstrapToken(id: random(6), secret: Sensitive(random(16)))
    }

    init(id: String, secret: Sensitive<String>) {
        self.id = id
        self.secret = secret
    }

    /// The token as the node presents it.
    public var token: Sensitive<String> { Sensitive("\(id).\(secret.value)") }

    /// The name of its Secret in `kube-system`.
    public var secretName: String { "bootstrap-token-\(id)" }

    public var description: String { "bootstrap token \(id)" }

    /// The `kube-system` Secret that makes the token valid until `expiration`, for signing
    /// `cluster-info` and for authenticating as a member of `groups`.
    public func secret(expiration: Date, groups: [String], labels: [String: String], usage: String) -> Secret {
        Secret(
            metadata: ObjectMeta(name: secretName, namespace: "kube-system", labels: labels),
            type: "bootstrap.kubernetes.io/token",
            stringData: [
                "token-id": id,
                "token-secret": secret.value,
                "expiration": RFC3339.format(expiration),
                "description": usage,
                "usage-bootstrap-authentication": "true",
                "usage-bootstrap-signing": "true",
                "auth-extra-groups": groups.joined(separator: ","),
            ])
    }

    /// The token a bootstrap-token Secret holds; nil when it is not one.
    public init?(secret: Secret) {
        guard secret.type == "bootstrap.kubernetes.io/token",
            let id = secret.data?["token-id"].flatMap({ String(data: $0, encoding: .utf8) }),
            let value = secret.data?["token-secret"].flatMap({ String(data: $0, encoding: .utf8) })
        else { return nil }
        self.init(id: id, secret: Sensitive(value))
    }
}
