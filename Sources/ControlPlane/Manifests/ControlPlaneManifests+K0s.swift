import Crypto
import Foundation
import KubeKit

extension ControlPlaneManifests {
    /// k0s's data directory in the pod (the data volume).
    static let k0sDataDirectory = "/var/lib/k0s"
    /// Where the k0s configuration is mounted.
    static let k0sConfigPath = "/etc/k0s/k0s.yaml"
    /// Where the etcd client certificate for an etcd datastore is mounted.
    static let k0sEtcdClientDirectory = "/etc/k0s/etcd"

    /// The k0s flavor: one `k0s controller` container reading the generated k0s.yaml, with the
    /// cluster's CAs placed where k0s looks for them (it issues its own leaf certificates from
    /// them) and its state on the data volume.
    func k0sPod() -> PodParts {
        let pkiDirectory = "\(Self.k0sDataDirectory)/pki"
        var mounts: [JSONValue] = [
            Self.mount("data", at: Self.k0sDataDirectory, readOnly: false),
            Self.mount("config", at: "/etc/k0s/k0s.yaml", subPath: "k0s.yaml"),
        ]
        mounts += k0sCAFiles.map { Self.mount("ca", at: "\(pkiDirectory)/\($0.path)", subPath: $0.path) }
        var volumes: [JSONValue] = [
            Self.projectedVolume("ca", k0sCAFiles),
            ["name": "config", "secret": ["secretName": .string(k0sConfigName), "defaultMode": .int(0o400)]],
        ]
        if let etcdClient = k0sEtcdClientFiles {
            mounts.append(Self.mount("etcd-client", at: Self.k0sEtcdClientDirectory))
            volumes.append(Self.projectedVolume("etcd-client", etcdClient))
        }
        let controller = container(
            "k0s", image: image("k0s", tag: k0sTag, registry: "docker.io/k0sproject"),
            command: ["k0s", "controller", "--config=\(Self.k0sConfigPath)", "--data-dir=\(Self.k0sDataDirectory)", "--ignore-pre-flight-checks"],
            ports: [("api", apiServerPort), ("konnectivity", konnectivityPort)], mounts: mounts,
            probes: Self.probes(port: "api", scheme: "HTTPS", live: "/livez", ready: "/readyz", startupFailures: 60), resources: containerResources)
        let digest = SHA256.hash(data: Data(k0sConfigYAML().utf8)).map { String(format: "%02x", $0) }.joined()
        return PodParts(containers: [controller], volumes: volumes, needsData: true, configHash: String(digest.prefix(16)))
    }

    /// The CAs k0s signs its own certificates with, under the names of its `pki` directory.
    var k0sCAFiles: [(secret: String, key: String, path: String)] {
        let crt = PKISecretKey.certificate, key = PKISecretKey.privateKey
        return [
            (secrets.clusterCA, crt, "ca.crt"), (secrets.clusterCA, key, "ca.key"),
            (secrets.serviceAccount, key, "sa.key"), (secrets.serviceAccount, crt, "sa.pub"),
            (secrets.frontProxyCA, crt, "front-proxy-ca.crt"), (secrets.frontProxyCA, key, "front-proxy-ca.key"),
        ]
    }

    /// The etcd client files for etcd datastores: `ca.crt`, `client.crt`, `client.key`.
    var k0sEtcdClientFiles: [(secret: String, key: String, path: String)]? {
        switch datastore.type {
        case .etcd:
            return [(secrets.etcdCA, PKISecretKey.certificate, "ca.crt"), (secrets.apiServerEtcdClient, PKISecretKey.certificate, "client.crt"),
                (secrets.apiServerEtcdClient, PKISecretKey.privateKey, "client.key")]
        case .externalEtcd:
            guard let tls = datastore.externalEtcd?.tlsSecretName else { return nil }
            return [(tls, "ca.crt", "ca.crt"), (tls, PKISecretKey.certificate, "client.crt"), (tls, PKISecretKey.privateKey, "client.key")]
        case .sqlite, .kine:
            return nil
        }
    }

    /// The k0s `ClusterConfig` (`k0s.k0sproject.io/v1beta1`) as documented in k0s's
    /// configuration file reference.
    func k0sConfig() -> JSONValue {
        var api: JSONValue = [
            "port": .int(Int64(apiServerPort)),
            "k0sApiPort": 9443,
            "sans": .array(apiServerSANs.map { .string($0) }),
        ]
        if let host = endpoint.host { api["externalAddress"] = .string(host) }
        if let extra = spec.extraArgs?.apiServer { api["extraArgs"] = Self.labelsJSON(extra) }
        var config: JSONValue = [
            "api": api,
            "storage": k0sStorage(),
            "network": [
                "podCIDR": .string(network.podCIDR), "serviceCIDR": .string(network.serviceCIDR),
                "clusterDomain": .string(network.serviceDomain), "provider": "kuberouter",
            ],
            "konnectivity": ["agentPort": .int(Int64(konnectivityPort)), "adminPort": 8133],
            "telemetry": ["enabled": false],
        ]
        if let extra = spec.extraArgs?.controllerManager { config["controllerManager"] = ["extraArgs": Self.labelsJSON(extra)] }
        if let extra = spec.extraArgs?.scheduler { config["scheduler"] = ["extraArgs": Self.labelsJSON(extra)] }
        if let repository = spec.imageRepository { config["images"] = ["repository": .string(repository)] }
        return ["apiVersion": "k0s.k0sproject.io/v1beta1", "kind": "ClusterConfig", "metadata": ["name": "k0s"], "spec": config]
    }

    private func k0sStorage() -> JSONValue {
        let client = Self.k0sEtcdClientDirectory
        switch datastore.type {
        case .sqlite:
            return ["type": "kine", "kine": ["dataSource": .string("sqlite://\(Self.k0sDataDirectory)/db/state.db?mode=rwc&_journal=WAL&cache=shared")]]
        case .kine:
            return ["type": "kine", "kine": ["dataSource": .string(kineDataSource ?? "")]]
        case .etcd:
            return ["type": "etcd", "etcd": ["externalCluster": [
                "endpoints": [.string("https://\(etcdName).\(namespace).svc:2379")],
                "etcdPrefix": .string(clusterName),
                "caFile": .string("\(client)/ca.crt"), "clientCertFile": .string("\(client)/client.crt"), "clientKeyFile": .string("\(client)/client.key"),
            ]]]
        case .externalEtcd:
            var cluster: JSONValue = [
                "endpoints": .array((datastore.externalEtcd?.endpoints ?? []).map { .string($0) }), "etcdPrefix": .string(clusterName),
            ]
            if datastore.externalEtcd?.tlsSecretName != nil {
                cluster["caFile"] = .string("\(client)/ca.crt")
                cluster["clientCertFile"] = .string("\(client)/client.crt")
                cluster["clientKeyFile"] = .string("\(client)/client.key")
            }
            return ["type": "etcd", "etcd": ["externalCluster": cluster]]
        }
    }

    /// The k0s configuration as YAML.
    public func k0sConfigYAML() -> String { (try? YAMLDocuments.encode([k0sConfig()])) ?? "" }

    /// The Secret holding `k0s.yaml` (a Secret, since a kine data source name may be in it).
    public func k0sConfigSecret() -> Secret {
        Secret(metadata: metadata(k0sConfigName), type: "Opaque", data: ["k0s.yaml": Data(k0sConfigYAML().utf8)])
    }

    /// Every name and address the API server is reached by, besides the in-cluster names.
    public var apiServerSANs: [String] {
        var names = serviceDNSNames
        if let host = endpoint.host, !names.contains(host) { names.append(host) }
        return names
    }
}
