import KubeKit

extension ProviderComponents {
    /// The manager Deployment: one replica of `mothership manager` running this provider's
    /// controllers with leader election, probes on its health port, modest requests, no root,
    /// a read-only root filesystem and no capabilities.
    func deployment() -> JSONValue {
        let selector: JSONValue = ["control-plane": "controller-manager", "cluster.x-k8s.io/provider": .string(provider.providerLabel)]
        let variablePrefix = "MOTHERSHIP_\(provider.rawValue.uppercased().replacingOccurrences(of: "-", with: "_"))"
        let probe = { (path: String) -> JSONValue in ["httpGet": ["path": .string(path), "port": "healthz"], "periodSeconds": 10] }
        let container: JSONValue = [
            "name": "manager",
            "image": .string(image),
            "imagePullPolicy": "IfNotPresent",
            "args": [
                "manager", .string("--providers=\(provider.rawValue)"), "--leader-elect",
                .string("--leader-election-id=\(provider.prefix)-leader"),
                .string("--namespace=${\(variablePrefix)_WATCH_NAMESPACE:=}"),
                .string("--watch-filter=${\(variablePrefix)_WATCH_FILTER:=}"),
                "--health-probe-bind-address=:8081",
            ],
            "env": [["name": "POD_NAMESPACE", "valueFrom": ["fieldRef": ["fieldPath": "metadata.namespace"]]]],
            "ports": [["name": "healthz", "containerPort": 8081, "protocol": "TCP"]],
            "livenessProbe": probe("/healthz"),
            "readinessProbe": probe("/readyz"),
            "resources": ["requests": ["cpu": "100m", "memory": "128Mi"], "limits": ["memory": "512Mi"]],
            "securityContext": [
                "allowPrivilegeEscalation": false, "readOnlyRootFilesystem": true, "runAsNonRoot": true,
                "capabilities": ["drop": ["ALL"]],
            ],
            "terminationMessagePolicy": "FallbackToLogsOnError",
        ]
        return [
            "apiVersion": "apps/v1", "kind": "Deployment",
            "metadata": ["name": .string("\(provider.prefix)-controller-manager"), "namespace": .string(provider.namespace)],
            "spec": [
                "replicas": 1,
                "selector": ["matchLabels": selector],
                "template": [
                    "metadata": ["labels": selector],
                    "spec": [
                        "serviceAccountName": .string(serviceAccountName),
                        "containers": [container],
                        "securityContext": ["runAsNonRoot": true, "runAsUser": 65532, "runAsGroup": 65532, "seccompProfile": ["type": "RuntimeDefault"]],
                        "terminationGracePeriodSeconds": 10,
                        "tolerations": [
                            ["effect": "NoSchedule", "key": "node-role.kubernetes.io/master"],
                            ["effect": "NoSchedule", "key": "node-role.kubernetes.io/control-plane"],
                        ],
                    ],
                ],
            ],
        ]
    }
}
