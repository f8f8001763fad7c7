import ClusterAPI
import Foundation
import KubeKit

/// The fields of provider objects the v1beta2 contract defines, read the way CAPI reads them:
/// the v1beta2 field first, the v1beta1 one (`status.ready`) for providers still on the old
/// contract.
extension UnstructuredObject {
    /// An infrastructure machine or cluster is provisioned: `status.initialization.provisioned`.
    var isProvisioned: Bool {
        self["status"]?["initialization"]?["provisioned"]?.boolValue ?? self["status"]?["ready"]?.boolValue ?? false
    }

    /// A bootstrap config has written its data Secret: `status.initialization.dataSecretCreated`.
    var isDataSecretCreated: Bool {
        self["status"]?["initialization"]?["dataSecretCreated"]?.boolValue ?? self["status"]?["ready"]?.boolValue ?? false
    }

    /// A control plane accepts requests: `status.initialization.controlPlaneInitialized`.
    var isControlPlaneInitialized: Bool {
        self["status"]?["initialization"]?["controlPlaneInitialized"]?.boolValue
            ?? self["status"]?["initialized"]?.boolValue ?? false
    }

    /// The bootstrap data Secret's name: `status.dataSecretName`.
    var dataSecretName: String? { nonEmpty(self["status"]?["dataSecretName"]?.stringValue) }

    /// An infrastructure machine's `spec.providerID`.
    var providerID: String? { nonEmpty(self["spec"]?["providerID"]?.stringValue) }

    /// Where an infrastructure machine was placed: `status.failureDomain`, else `spec.failureDomain`.
    var failureDomain: String? {
        nonEmpty(self["status"]?["failureDomain"]?.stringValue) ?? nonEmpty(self["spec"]?["failureDomain"]?.stringValue)
    }

    /// An infrastructure machine's `status.addresses`, dropping entries of unknown types.
    var addresses: [MachineAddress]? {
        guard let entries = self["status"]?["addresses"]?.arrayValue else { return nil }
        return entries.compactMap { entry in
            guard let type = entry["type"]?.stringValue.flatMap(MachineAddress.AddressType.init(rawValue:)),
                let address = entry["address"]?.stringValue
            else { return nil }
            return MachineAddress(type: type, address: address)
        }
    }

    /// The `spec.controlPlaneEndpoint` of an infrastructure cluster or control plane, when it has a host.
    var controlPlaneEndpoint: APIEndpoint? {
        guard let endpoint = self["spec"]?["controlPlaneEndpoint"], let host = nonEmpty(endpoint["host"]?.stringValue) else {
            return nil
        }
        return APIEndpoint(host: host, port: endpoint["port"]?.intValue.map { Int32($0) })
    }

    /// An infrastructure cluster's `status.failureDomains` (a list in v1beta2).
    var failureDomains: [FailureDomain]? {
        guard let list = self["status"]?["failureDomains"], case .array = list else { return nil }
        return try? JSONCoding.decoder.decode([FailureDomain].self, from: JSONCoding.encoder.encode(list))
    }

    /// The object's v1beta2 condition of `type`, if it reports one.
    func condition(_ type: String) -> Condition? {
        guard let entry = self["status"]?["conditions"]?.arrayValue?.first(where: { $0["type"]?.stringValue == type }) else {
            return nil
        }
        return try? JSONCoding.decoder.decode(Condition.self, from: JSONCoding.encoder.encode(entry))
    }

    private func nonEmpty(_ value: String?) -> String? {
        guard let value, !value.isEmpty else { return nil }
        return value
    }
}
