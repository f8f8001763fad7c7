import ClusterAPI
import Foundation
import KubeKit

extension HostedControlPlaneReconciler {
    /// The Secret type of every PKI and kubeconfig Secret, as CAPI writes its own.
    static let secretType = "cluster.x-k8s.io/secret"

    /// Reads the PKI Secrets back, lets ``ClusterPKI`` reuse what is valid and issue what is
    /// missing or due, and applies every Secret it returns except a CA the user brought
    /// (a Secret not controlled by this HostedControlPlane, left as it is). Returns when the
    /// next certificate is due for renewal.
    func reconcileCertificates(_ controlPlane: HostedControlPlane, manifests: ControlPlaneManifests, service: UnstructuredObject) async throws -> Date {
        let namespace = manifests.namespace
        let names = PKISecretNames(clusterName: manifests.clusterName)
        var existing: [String: [String: Data]] = [:]
        var foreign: Set<String> = []
        for name in names.all {
            guard let secret = try await getIfPresent(Secret.self, name: name, namespace: namespace) else { continue }
            existing[name] = secret.data ?? [:]
            if secret.metadata.controllerReference?.uid != controlPlane.metadata.uid { foreign.insert(name) }
        }
        let settings = try pkiSettings(controlPlane, manifests: manifests, service: service)
        let pki: ClusterPKI
        do {
            pki = try ClusterPKI.reconcile(settings: settings, existing: existing, now: Date())
        } catch let error as PKIError {
            throw Failure(condition: ConditionType.certificatesAvailable, reason: "InvalidCertificates", message: "\(error)", terminal: true)
        }
        for (name, data) in pki.secrets.sorted(by: { $0.key < $1.key }) {
            if foreign.contains(name) {
                guard names.certificateAuthorities.contains(name) || name == names.serviceAccount else {
                    throw Failure(
                        condition: ConditionType.certificatesAvailable, reason: "SecretNotOwned",
                        message: "Secret \(namespace)/\(name) exists and is not controlled by this HostedControlPlane")
                }
                continue
            }
            let secret = Secret(metadata: manifests.metadata(name), type: Self.secretType, data: data)
            try await applier.apply(secret, ownedBy: controlPlane)
        }
        return pki.nextRenewal
    }

    /// Everything the certificates must cover: the Service's names and addresses, the endpoint,
    /// the hosted `kubernetes` Service IP, the managed etcd's names, and the spec's validity.
    private func pkiSettings(_ controlPlane: HostedControlPlane, manifests: ControlPlaneManifests, service: UnstructuredObject) throws -> ClusterPKISettings {
        let endpoint = manifests.endpoint
        let host = endpoint.host ?? ""
        var dnsNames = manifests.serviceDNSNames
        var addresses: [String] = []
        if let clusterIP = service["spec"]?["clusterIP"]?.stringValue, clusterIP.isIPAddress { addresses.append(clusterIP) }
        for ingress in service["status"]?[path: ["loadBalancer", "ingress"]]?.arrayValue ?? [] {
            if let ip = ingress["ip"]?.stringValue { addresses.append(ip) }
            if let name = ingress["hostname"]?.stringValue { dnsNames.append(name) }
        }
        if host.isIPAddress { addresses.append(host) } else if !host.isEmpty { dnsNames.append(host) }
        if let kubernetesIP = Self.firstAddress(of: manifests.network.serviceCIDR) { addresses.append(kubernetesIP) }
        let certificates = controlPlane.spec.certificates
        var settings = ClusterPKISettings(
            clusterName: manifests.clusterName, namespace: manifests.namespace,
            controlPlaneEndpoint: "https://\(host.contains(":") ? "[\(host)]" : host):\(endpoint.port ?? manifests.apiServerPort)",
            keyAlgorithm: certificates?.keyAlgorithm ?? .ecdsaP256,
            apiServerDNSNames: Self.unique(dnsNames), apiServerIPAddresses: Self.unique(addresses),
            etcdDNSNames: manifests.datastore.type == .etcd ? manifests.etcdDNSNames : [],
            konnectivityDNSNames: Self.unique(dnsNames), konnectivityIPAddresses: Self.unique(addresses),
            localAPIServerPort: Int(manifests.apiServerPort))
        if let validity = try Self.duration(certificates?.validity, field: "spec.certificates.validity") { settings.certificateValidity = validity }
        if let validity = try Self.duration(certificates?.clientCertificateValidity, field: "spec.certificates.clientCertificateValidity") {
            settings.clientCertificateValidity = validity
        }
        if let renewBefore = try Self.duration(certificates?.renewBefore, field: "spec.certificates.renewBefore") {
            settings.renewBefore = renewBefore
        } else if certificates?.validity != nil {
            settings.renewBefore = settings.certificateValidity / 3
        }
        return settings
    }

    /// `8760h`, `90m`, `1h30m` as a Duration; nil when unset.
    static func duration(_ text: String?, field: String) throws -> Duration? {
        guard let text, !text.isEmpty else { return nil }
        guard let match = text.wholeMatch(of: /(?:(\d+)h)?(?:(\d+)m)?(?:(\d+)s)?/) else {
            throw Failure(condition: ConditionType.certificatesAvailable, reason: "InvalidDuration", message: "\(field) \(text) is not a duration such as 8760h", terminal: true)
        }
        let seconds = (match.1.flatMap { Int64($0) } ?? 0) * 3600 + (match.2.flatMap { Int64($0) } ?? 0) * 60 + (match.3.flatMap { Int64($0) } ?? 0)
        guard seconds >= 60 else {
            throw Failure(condition: ConditionType.certificatesAvailable, reason: "InvalidDuration", message: "\(field) \(text) is shorter than a minute", terminal: true)
        }
        return .seconds(seconds)
    }

    /// The first host address of an IPv4 CIDR (`10.96.0.0/12` → `10.96.0.1`): the hosted
    /// cluster's `kubernetes` Service IP.
    static func firstAddress(of cidr: String) -> String? {
        let parts = cidr.split(separator: "/").first?.split(separator: ".").compactMap { UInt32($0) } ?? []
        guard parts.count == 4, parts.allSatisfy({ $0 < 256 }) else { return nil }
        let value = (parts[0] << 24 | parts[1] << 16 | parts[2] << 8 | parts[3]) + 1
        return [value >> 24, value >> 16 & 255, value >> 8 & 255, value & 255].map(String.init).joined(separator: ".")
    }

    static func unique(_ values: [String]) -> [String] {
        var seen: Set<String> = []
        return values.filter { seen.insert($0).inserted }
    }
}
