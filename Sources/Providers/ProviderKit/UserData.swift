import ClusterAPI
import Foundation
import KubeKit

/// A machine's bootstrap data, as the bootstrap provider wrote it to the Secret
/// `Machine.spec.bootstrap.dataSecretName` (key `value`, format in key `format`).
public struct UserData: Sendable, Hashable {
    /// The user data; a secret: never log it or put it in a condition.
    public var value: Sensitive<Data>
    /// `cloud-config` (the default when the Secret has no `format`) or `ignition`.
    public var format: String

    public init(value: Data, format: String = "cloud-config") {
        self.value = Sensitive(value)
        self.format = format
    }

    /// Reads the data Secret `name` in `namespace`.
    static func read(name: String, namespace: String, client: KubeClient) async throws -> UserData {
        let secret: Secret
        do {
            secret = try await client.get(Secret.self, name: name, namespace: namespace)
        } catch let error as KubeError where error.code == .notFound {
            throw MachineProviderError(reason: "WaitingForBootstrapData", message: "bootstrap data Secret \(namespace)/\(name) does not exist yet")
        }
        guard let value = secret.data?["value"] else {
            throw MachineProviderError(reason: "InvalidBootstrapData", message: "bootstrap data Secret \(namespace)/\(name) has no key value", terminal: true)
        }
        let format = secret.data?["format"].map { String(decoding: $0, as: UTF8.self) } ?? "cloud-config"
        return UserData(value: value, format: format.isEmpty ? "cloud-config" : format)
    }
}
