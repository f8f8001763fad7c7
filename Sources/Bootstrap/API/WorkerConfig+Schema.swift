import KubeKit

extension WorkerConfig {
    /// The schema of ``WorkerConfig/Spec``, shared with ``WorkerConfigTemplate``.
    static let specSchema = OpenAPISchema.object([
        "flavor": .string(enum: WorkerConfig.Flavor.allCases.map(\.rawValue)).defaultValue("k0s")
            .description("The node software, matching the control plane's: k0s (default) or kubeadm."),
        "version": .string(pattern: "^v[0-9]+\\.[0-9]+\\.[0-9]+([-+][0-9A-Za-z.+-]+)?$", maxLength: 64).example("v1.31.2")
            .description("The Kubernetes version to install (k0s: e.g. v1.31.2+k0s.0); default: the Machine's spec.version."),
        "install": .object(
            [
                "method": .string(enum: WorkerConfig.Install.Method.allCases.map(\.rawValue))
                    .description("download (binaries from url), preinstalled (on the image) or bundle (an offline bundle from url)."),
                "url": .string(pattern: "^https?://", maxLength: 2048).example("https://mirror.example/k0s-v1.31.2+k0s.0-amd64")
                    .description("Where to download from; for download defaults to the upstream release."),
                "sha256": .string(pattern: "^[a-f0-9]{64}$").example(.string(String(repeating: "a", count: 64)))
                    .description("The SHA-256 of what url serves, lower-case hex; checked before anything runs."),
            ], required: ["method"]
        ).description("Where the node software comes from; default: downloaded from its upstream release."),
        "files": .array(
            of: .object(
                [
                    "path": .string(pattern: "^/", maxLength: 4096).example("/etc/mothership/extra.conf").description("Absolute path on the machine."),
                    "content": .string(maxLength: 1_048_576).description("The content, inline; exactly one of content and contentFrom."),
                    "contentFrom": .object([
                        "secret": keyReference.description("A key of a Secret in the WorkerConfig's namespace."),
                        "configMap": keyReference.description("A key of a ConfigMap in the WorkerConfig's namespace."),
                    ]).description("Where the content comes from instead of content."),
                    "permissions": .string(pattern: "^0?[0-7]{3,4}$").example("0644").description("Octal mode; default 0644."),
                    "owner": .string(pattern: "^[a-z_][a-z0-9_-]*:[a-z_][a-z0-9_-]*$").example("root:root").description("user:group; default root:root."),
                    "encoding": .string(enum: ["plain", "base64", "gzip+base64"]).description("How content is encoded; default plain."),
                ], required: ["path"]),
            listType: .map, mapKeys: ["path"], maxItems: 256
        ).description("Files written before the node software is installed, one per path."),
        "preCommands": .array(of: .string()).description("Shell commands run before installing and joining."),
        "postCommands": .array(of: .string()).description("Shell commands run after a successful join."),
        "nodeLabels": .map(of: .string(maxLength: 63)).description("Labels the node registers with."),
        "taints": .array(
            of: .object(
                [
                    "key": .string(minLength: 1, maxLength: 253),
                    "value": .string(maxLength: 63),
                    "effect": .string(enum: ["NoSchedule", "PreferNoSchedule", "NoExecute"]),
                ], required: ["key", "effect"])
        ).description("Taints the node registers with."),
        "kubeletExtraArgs": .map(of: .string()).description("Extra kubelet flags without the leading dashes, e.g. max-pods: \"200\"."),
        "proxy": .object([
            "httpProxy": .string(),
            "httpsProxy": .string(),
            "noProxy": .array(of: .string()).description("Hosts, domains and CIDRs reached directly."),
        ]).description("An HTTP(S) proxy for installing and for the node's container runtime."),
        "sshAuthorizedKeys": .array(of: .string()).description("Public keys allowed to log in over SSH."),
        "ntpServers": .array(of: .string(), listType: .set).description("NTP servers for the node's clock."),
        "format": .string(enum: WorkerConfig.Format.allCases.map(\.rawValue)).defaultValue("cloud-config")
            .description("The user-data format: cloud-config (default) or ignition."),
        "joinTokenTTL": .string(pattern: "^([0-9]+h)?([0-9]+m)?([0-9]+s)?$").example("15m")
            .description("How long a join token lives before it is extended while the machine has not joined; default 15m."),
    ])

    private static let keyReference = OpenAPISchema.object(["name": .string(minLength: 1), "key": .string(minLength: 1)], required: ["name", "key"])

    public static let definition = CustomResourceDescription(
        description: "WorkerConfig is the bootstrap configuration of one worker machine: the user data that installs its node software and joins it to its hosted control plane.",
        spec: specSchema,
        status: .object([
            "dataSecretName": .string().description("The Secret holding the user data (key value), once written."),
            "initialization": .object(["dataSecretCreated": .boolean.description("The data Secret has been created.")])
                .description("The v1beta2 contract's initialization report."),
            "ready": .boolean.description("True once the data Secret exists, for readers of the v1beta1 contract."),
            "conditions": .conditions,
            "observedGeneration": .integer(minimum: 0, format: "int64"),
        ]),
        printerColumns: [
            PrinterColumn("Cluster", type: .string, jsonPath: ".metadata.labels['cluster\\.x-k8s\\.io/cluster-name']"),
            PrinterColumn("Data Secret Created", type: .boolean, jsonPath: ".status.initialization.dataSecretCreated"),
            PrinterColumn("Flavor", type: .string, jsonPath: ".spec.flavor"),
        ],
        shortNames: ["wc"])
}
