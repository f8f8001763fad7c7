import ClusterAPI
import KubeKit

extension ControlPlaneManifests {
    /// Where etcd's certificates are mounted.
    static let etcdPKIDirectory = "/etc/etcd/pki"

    /// The labels selecting the managed etcd's pods.
    public var etcdSelectorLabels: [String: String] {
        [ClusterAPIGroup.clusterNameLabel: clusterName, "app.kubernetes.io/component": "etcd", "app.kubernetes.io/name": "hosted-control-plane"]
    }

    /// The managed etcd of datastore `etcd`: 1, 3 or 5 members with stable names under the
    /// headless Service, TLS between members and to clients from the etcd PKI Secrets, data on
    /// a claim per member; nil for other datastores.
    public func etcdStatefulSet() -> UnstructuredObject? {
        guard datastore.type == .etcd else { return nil }
        let pki = Self.etcdPKIDirectory
        let domain = "\(etcdName).\(namespace).svc"
        let members = (0..<Int(etcdReplicas)).map { "\(etcdName)-\($0)=https://\(etcdName)-\($0).\(domain):2380" }
        let flags: [String: String] = [
            "name": "$(POD_NAME)",
            "data-dir": "/var/lib/etcd/data",
            "listen-client-urls": "https://0.0.0.0:2379",
            "advertise-client-urls": "https://$(POD_NAME).\(domain):2379",
            "listen-peer-urls": "https://0.0.0.0:2380",
            "initial-advertise-peer-urls": "https://$(POD_NAME).\(domain):2380",
            "initial-cluster": members.joined(separator: ","),
            "initial-cluster-state": "new",
            "initial-cluster-token": clusterName,
            "listen-metrics-urls": "http://0.0.0.0:2381",
            "client-cert-auth": "true",
            "trusted-ca-file": "\(pki)/ca.crt",
            "cert-file": "\(pki)/server.crt",
            "key-file": "\(pki)/server.key",
            "peer-client-cert-auth": "true",
            "peer-trusted-ca-file": "\(pki)/ca.crt",
            "peer-cert-file": "\(pki)/peer.crt",
            "peer-key-file": "\(pki)/peer.key",
            "snapshot-count": "10000",
        ]
        let crt = PKISecretKey.certificate, key = PKISecretKey.privateKey
        let etcd = container(
            "etcd", image: image("etcd", tag: etcdTag, registry: "registry.k8s.io"), command: ["etcd"], args: Self.flags(flags, extra: nil),
            ports: [("client", 2379), ("peer", 2380), ("metrics", 2381)],
            mounts: [Self.mount("pki", at: pki), Self.mount("data", at: "/var/lib/etcd", readOnly: false)],
            env: [["name": "POD_NAME", "valueFrom": ["fieldRef": ["fieldPath": "metadata.name"]]]],
            probes: Self.probes(port: "metrics", scheme: "HTTP", live: "/health?exclude=NOSPACE&serializable=true", ready: "/health?serializable=false"))
        let persistence = datastore.etcd?.persistence
        var volumes: [JSONValue] = [Self.projectedVolume("pki", [
            (secrets.etcdCA, crt, "ca.crt"), (secrets.etcdServer, crt, "server.crt"), (secrets.etcdServer, key, "server.key"),
            (secrets.etcdPeer, crt, "peer.crt"), (secrets.etcdPeer, key, "peer.key"),
        ])]
        if persistence?.type == .emptyDir { volumes.append(["name": "data", "emptyDir": [:]]) }
        var podSpec: JSONValue = [
            "automountServiceAccountToken": false, "enableServiceLinks": false, "containers": [etcd], "volumes": .array(volumes),
        ]
        if let nodeSelector = spec.placement?.nodeSelector { podSpec["nodeSelector"] = Self.labelsJSON(nodeSelector) }
        if let tolerations = spec.placement?.tolerations { podSpec["tolerations"] = (try? JSONValue(encoding: tolerations)) ?? [] }
        var statefulSetSpec: JSONValue = [
            "replicas": .int(Int64(etcdReplicas)),
            "serviceName": .string(etcdName),
            "podManagementPolicy": "Parallel",
            "updateStrategy": ["type": "RollingUpdate", "rollingUpdate": ["partition": 0]],
            "selector": ["matchLabels": Self.labelsJSON(etcdSelectorLabels)],
            "template": ["metadata": ["labels": Self.labelsJSON(labels.merging(etcdSelectorLabels) { _, new in new })], "spec": podSpec],
        ]
        if persistence?.type != .emptyDir { statefulSetSpec["volumeClaimTemplates"] = [claimTemplate("data", persistence)] }
        return UnstructuredObject(apiVersion: "apps/v1", kind: "StatefulSet", metadata: metadata(etcdName), content: ["spec": statefulSetSpec])
    }
}
