import ClusterAPI
import KubeKit

extension HostedControlPlane {
    static let versionPattern = "^v[0-9]+\\.[0-9]+\\.[0-9]+([-+][0-9A-Za-z.+-]+)?$"
    static let durationPattern = "^([0-9]+h)?([0-9]+m)?([0-9]+s)?$"
    static let quantityPattern = "^(\\+|-)?(([0-9]+(\\.[0-9]*)?)|(\\.[0-9]+))(([KMGTPE]i)|[numkMGTPE]|([eE](\\+|-)?(([0-9]+(\\.[0-9]*)?)|(\\.[0-9]+))))?$"

    private static let port = OpenAPISchema.integer(minimum: 1, maximum: 65535)
    private static let nodePort = OpenAPISchema.integer(minimum: 30000, maximum: 32767)
    private static let name = OpenAPISchema.string(pattern: "^[a-z0-9]([-a-z0-9.]*[a-z0-9])?$", minLength: 1, maxLength: 253)
    private static let args = OpenAPISchema.map(of: .string())

    private static let persistence = OpenAPISchema.object([
        "type": .string(enum: Persistence.PersistenceType.allCases.map(\.rawValue)).defaultValue("PersistentVolumeClaim")
            .description("PersistentVolumeClaim (default) or EmptyDir (lost with the pod)."),
        "size": .string(pattern: quantityPattern).example("1Gi").description("The claim's size; default 1Gi."),
        "storageClassName": name.description("The claim's storage class; default the cluster's default class."),
    ])

    /// The schema of ``HostedControlPlane/Spec``, shared with ``HostedControlPlaneTemplate``
    /// (which leaves `version` to the Cluster's topology).
    static func specSchema(requiringVersion: Bool) -> OpenAPISchema {
        .object(
            [
                "version": .string(pattern: versionPattern, maxLength: 64).example("v1.31.2")
                    .description("The Kubernetes version; upgrades go one minor version at a time, downgrades are refused."),
                "flavor": .string(enum: Flavor.allCases.map(\.rawValue)).defaultValue("k0s")
                    .description("k0s (default: k0s controllers with konnectivity) or kubeadm (kube-apiserver, controller-manager, scheduler)."),
                "replicas": .integer(minimum: 1, maximum: 7).defaultValue(1).description("Control-plane pods; default 1."),
                "imageRepository": .string(pattern: "^[a-z0-9]([-a-z0-9.:/_]*[a-z0-9])?$", maxLength: 512).example("registry.example/mirror")
                    .description("A registry (and path) every image is pulled from instead of its upstream one."),
                "service": .object([
                    "type": .string(enum: ServiceSpec.ServiceType.allCases.map(\.rawValue)).defaultValue("ClusterIP")
                        .description("ClusterIP (default), NodePort or LoadBalancer."),
                    "apiServerPort": port.defaultValue(6443).description("The API server's port on the Service and in the pods; default 6443."),
                    "konnectivityPort": port.defaultValue(8132).description("The konnectivity server's port (k0s); default 8132."),
                    "apiServerNodePort": nodePort.description("The API server's node port (NodePort, LoadBalancer)."),
                    "konnectivityNodePort": nodePort.description("Konnectivity's node port (NodePort, LoadBalancer)."),
                    "annotations": .map(of: .string()).description("Annotations of the Service, e.g. for a cloud's load balancer."),
                ]).description("How the API server and konnectivity are exposed."),
                "controlPlaneEndpoint": .object([
                    "host": .string(maxLength: 512).description("Host name or IP address."),
                    "port": port.description("TCP port."),
                ]).description("Where clients reach the API server; default the load balancer's address, else a node port, else the cluster IP."),
                "datastore": .object(
                    [
                        "type": .string(enum: Datastore.DatastoreType.allCases.map(\.rawValue))
                            .description("sqlite (kine on the volume; one replica), kine (external SQL), etcd (managed) or externalEtcd."),
                        "kine": .object(
                            ["dataSourceSecretRef": secretKeyReference.description("The Secret key holding the postgres:// or mysql:// data source name.")],
                            required: ["dataSourceSecretRef"]
                        ).description("For type kine."),
                        "etcd": .object([
                            "replicas": .integer(minimum: 1, maximum: 5).defaultValue(3).description("1, 3 (default) or 5 members."),
                            "persistence": persistence.description("Each member's volume."),
                        ]).description("For type etcd."),
                        "externalEtcd": .object(
                            [
                                "endpoints": .array(of: .string(pattern: "^https?://", maxLength: 512).example("https://etcd-0.example:2379"), minItems: 1)
                                    .description("Client URLs."),
                                "tlsSecretName": name.description("A Secret with ca.crt, tls.crt and tls.key for the client connection."),
                            ], required: ["endpoints"]
                        ).description("For type externalEtcd."),
                    ], required: ["type"]
                ).description("Where the cluster's state lives; default kine over SQLite for one replica, a managed etcd of 3 for more."),
                "persistence": persistence.description("The control plane's data volume."),
                "resources": .object([
                    "requests": .map(of: .string(pattern: quantityPattern).example("500m")),
                    "limits": .map(of: .string(pattern: quantityPattern).example("1Gi")),
                ]).description("Compute resources of the control-plane containers."),
                "placement": .object([
                    "nodeSelector": .map(of: .string()),
                    "tolerations": .array(of: .object([
                        "key": .string(),
                        "operator": .string(enum: ["Exists", "Equal"]),
                        "value": .string(),
                        "effect": .string(enum: ["NoSchedule", "PreferNoSchedule", "NoExecute"]),
                        "tolerationSeconds": .integer(format: "int64"),
                    ])),
                    "affinity": OpenAPISchema.freeForm.description("A v1.Affinity, passed to the pods as is."),
                    "topologySpreadConstraints": .array(of: .freeForm).description("v1.TopologySpreadConstraints, passed to the pods as they are."),
                ]).description("Where the control-plane pods are scheduled."),
                "extraArgs": .object([
                    "apiServer": args, "controllerManager": args, "scheduler": args,
                ]).description("Extra flags per component, without leading dashes; they override generated flags of the same name."),
                "addons": .array(
                    of: .object(
                        [
                            "name": .string(minLength: 1, maxLength: 63).description("A name for messages."),
                            "configMapName": name.description("A ConfigMap whose every key holds YAML manifests."),
                            "secretName": name.description("A Secret whose every key holds YAML manifests."),
                        ], required: ["name"]),
                    listType: .map, mapKeys: ["name"], maxItems: 64
                ).description("Manifests applied into the hosted cluster once its API answers (a CNI, for example)."),
                "certificates": .object([
                    "keyAlgorithm": .string(enum: CertificateKeyAlgorithm.allCases.map(\.rawValue)).defaultValue("ECDSA-P256")
                        .description("Key algorithm of generated keys: ECDSA-P256 (default) or RSA-2048."),
                    "validity": .string(pattern: durationPattern).example("8760h").description("Lifetime of leaf certificates; default 8760h."),
                    "clientCertificateValidity": .string(pattern: durationPattern).example("24h")
                        .description("Lifetime of the admin kubeconfig's client certificate; default 24h."),
                    "renewBefore": .string(pattern: durationPattern).example("720h")
                        .description("How long before expiry a certificate is renewed; default a third of its lifetime."),
                ]).description("Certificate settings; bring your own CA by creating the <cluster>-ca Secret beforehand."),
            ], required: requiringVersion ? ["version"] : [])
    }

    private static let secretKeyReference = OpenAPISchema.object(["name": name, "key": .string(minLength: 1)], required: ["name", "key"])

    public static let definition = CustomResourceDescription(
        description: "HostedControlPlane runs a workload cluster's Kubernetes control plane as pods on the management cluster.",
        spec: specSchema(requiringVersion: true),
        status: .object([
            "initialization": .object([
                "controlPlaneInitialized": .boolean.description("The hosted API server has answered /readyz through the generated kubeconfig.")
            ]).description("The v1beta2 contract's initialization report."),
            "externalManagedControlPlane": .boolean.description("Always true: a hosted control plane has no control-plane Machines."),
            "replicas": .integer(minimum: 0).description("Control-plane pods that exist."),
            "readyReplicas": .integer(minimum: 0).description("Control-plane pods that are ready."),
            "availableReplicas": .integer(minimum: 0).description("Control-plane pods that are available."),
            "upToDateReplicas": .integer(minimum: 0).description("Control-plane pods running the current specification."),
            "selector": .string().description("The label selector of the control-plane pods."),
            "version": .string().description("The Kubernetes version every control-plane pod runs (the lowest while rolling)."),
            "appliedAddons": .string().description("A digest of the add-on manifests last applied into the hosted cluster."),
            "conditions": .conditions,
            "observedGeneration": .integer(minimum: 0, format: "int64"),
        ]),
        scale: ScaleSubresource(),
        printerColumns: [
            PrinterColumn("Cluster", type: .string, jsonPath: ".metadata.labels['cluster\\.x-k8s\\.io/cluster-name']"),
            PrinterColumn("Flavor", type: .string, jsonPath: ".spec.flavor"),
            PrinterColumn("Initialized", type: .boolean, jsonPath: ".status.initialization.controlPlaneInitialized"),
            PrinterColumn("Desired", type: .integer, jsonPath: ".spec.replicas"),
            PrinterColumn("Ready", type: .integer, jsonPath: ".status.readyReplicas"),
            PrinterColumn("Version", type: .string, jsonPath: ".status.version"),
            PrinterColumn("Endpoint", type: .string, jsonPath: ".spec.controlPlaneEndpoint.host", priority: 1),
        ],
        shortNames: ["hcp"],
        labels: [ClusterAPIGroup.contractVersionLabel: ControlPlaneAPI.version])
}
