import KubeKit

extension ControlPlaneManifests {
    /// Where kine serves the etcd API inside the pod: loopback only.
    static let kineListenAddress = "127.0.0.1:2379"
    /// The SQLite database on the data volume (kubeadm flavor).
    static let kineSQLiteDataSource = "sqlite:///var/lib/kine/state.db?_journal=WAL&cache=shared"
    /// The environment variable the data source name reaches kine through, from its Secret.
    static let kineDataSourceVariable = "KINE_DATA_SOURCE"

    /// The kine sidecar of the kubeadm flavor for datastores `sqlite` (on the data volume) and
    /// `kine` (the data source name from its Secret through the environment, never in the
    /// pod spec); nil for etcd datastores.
    func kineContainer() -> JSONValue? {
        let kineImage = image("kine", tag: Self.kineTag, registry: "docker.io/rancher")
        let listen = "--listen-address=\(Self.kineListenAddress)"
        switch datastore.type {
        case .sqlite:
            return container(
                "kine", image: kineImage, command: ["kine"], args: [listen, "--endpoint=\(Self.kineSQLiteDataSource)"],
                mounts: [Self.mount("data", at: "/var/lib/kine", readOnly: false)])
        case .kine:
            guard let reference = datastore.kine?.dataSourceSecretRef else { return nil }
            return container(
                "kine", image: kineImage, command: ["kine"], args: [listen, "--endpoint=$(\(Self.kineDataSourceVariable))"],
                env: [[
                    "name": .string(Self.kineDataSourceVariable),
                    "valueFrom": ["secretKeyRef": ["name": .string(reference.name), "key": .string(reference.key)]],
                ]])
        case .etcd, .externalEtcd:
            return nil
        }
    }
}
