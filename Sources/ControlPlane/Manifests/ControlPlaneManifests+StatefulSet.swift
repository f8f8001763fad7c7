import Foundation
import KubeKit

extension ControlPlaneManifests {
    /// The annotation on the pod template carrying a digest of the configuration the pods read
    /// from files, so a configuration change rolls the pods.
    public static let configHashAnnotation = "controlplane.mothership.dev/config-hash"

    /// The StatefulSet of control-plane pods: `spec.replicas` pods of the flavor's containers,
    /// rolled one at a time (RollingUpdate), with the PKI mounted from its Secrets, the data
    /// volume and the placement of the spec.
    public func controlPlaneStatefulSet() -> UnstructuredObject {
        let pod = flavor == .k0s ? k0sPod() : kubeadmPod()
        var podSpec: JSONValue = [
            "automountServiceAccountToken": false,
            "enableServiceLinks": false,
            "containers": .array(pod.containers),
            "volumes": .array(pod.volumes + (dataVolumeIsEmptyDir && pod.needsData ? [["name": "data", "emptyDir": [:]]] : [])),
        ]
        applyPlacement(to: &podSpec)
        var templateMetadata: JSONValue = ["labels": Self.labelsJSON(labels.merging(selectorLabels) { _, new in new })]
        if let hash = pod.configHash { templateMetadata["annotations"] = [.init(stringLiteral: Self.configHashAnnotation): .string(hash)] }
        var statefulSetSpec: JSONValue = [
            "replicas": .int(Int64(replicas)),
            "serviceName": .string(controlPlaneName),
            "podManagementPolicy": "Parallel",
            "updateStrategy": ["type": "RollingUpdate", "rollingUpdate": ["partition": 0]],
            "selector": ["matchLabels": Self.labelsJSON(selectorLabels)],
            "template": ["metadata": templateMetadata, "spec": podSpec],
        ]
        if pod.needsData, !dataVolumeIsEmptyDir { statefulSetSpec["volumeClaimTemplates"] = [claimTemplate("data", spec.persistence)] }
        return UnstructuredObject(apiVersion: "apps/v1", kind: "StatefulSet", metadata: metadata(controlPlaneName), content: ["spec": statefulSetSpec])
    }

    /// What a flavor puts into the pod.
    struct PodParts {
        var containers: [JSONValue]
        var volumes: [JSONValue]
        /// Whether the pod keeps data on the `data` volume.
        var needsData: Bool
        var configHash: String?
    }

    var dataVolumeIsEmptyDir: Bool { spec.persistence?.type == .emptyDir }

    /// A PersistentVolumeClaim template of `persistence`'s size (default 1Gi) and class.
    func claimTemplate(_ name: String, _ persistence: HostedControlPlane.Persistence?) -> JSONValue {
        var claimSpec: JSONValue = [
            "accessModes": ["ReadWriteOnce"],
            "resources": ["requests": ["storage": .string(persistence?.size ?? "1Gi")]],
        ]
        if let storageClass = persistence?.storageClassName { claimSpec["storageClassName"] = .string(storageClass) }
        return ["metadata": ["name": .string(name)], "spec": claimSpec]
    }

    private func applyPlacement(to podSpec: inout JSONValue) {
        guard let placement = spec.placement else { return }
        if let nodeSelector = placement.nodeSelector { podSpec["nodeSelector"] = Self.labelsJSON(nodeSelector) }
        if let tolerations = placement.tolerations { podSpec["tolerations"] = (try? JSONValue(encoding: tolerations)) ?? [] }
        if let affinity = placement.affinity { podSpec["affinity"] = affinity }
        if let constraints = placement.topologySpreadConstraints { podSpec["topologySpreadConstraints"] = .array(constraints) }
    }

    /// The spec's compute resources, as a container's `resources`.
    var containerResources: JSONValue? {
        guard let resources = spec.resources else { return nil }
        var json: JSONValue = [:]
        if let requests = resources.requests { json["requests"] = Self.labelsJSON(requests) }
        if let limits = resources.limits { json["limits"] = Self.labelsJSON(limits) }
        return json
    }

    /// A container running `image` with `command` and `args`.
    func container(
        _ name: String, image: String, command: [String], args: [String] = [], ports: [(String, Int32)] = [], mounts: [JSONValue] = [],
        env: [JSONValue] = [], probes: JSONValue? = nil, resources: JSONValue? = nil
    ) -> JSONValue {
        var container: JSONValue = ["name": .string(name), "image": .string(image), "command": .array(command.map { .string($0) })]
        if !args.isEmpty { container["args"] = .array(args.map { .string($0) }) }
        if !ports.isEmpty {
            container["ports"] = .array(ports.map { ["name": .string($0.0), "containerPort": .int(Int64($0.1)), "protocol": "TCP"] })
        }
        if !mounts.isEmpty { container["volumeMounts"] = .array(mounts) }
        if !env.isEmpty { container["env"] = .array(env) }
        if let probes, case .object(let fields) = probes { for (key, value) in fields { container[key] = value } }
        if let resources { container["resources"] = resources }
        return container
    }

    /// Startup, liveness and readiness probes over `scheme` on `port`, as kubeadm sets them for
    /// its static pods.
    static func probes(port: JSONValue, scheme: String, live: String, ready: String, startupFailures: Int64 = 24) -> JSONValue {
        func probe(_ path: String, period: Int64, failures: Int64, delay: Int64 = 0) -> JSONValue {
            var probe: JSONValue = [
                "httpGet": ["path": .string(path), "port": port, "scheme": .string(scheme)],
                "periodSeconds": .int(period), "timeoutSeconds": 15, "failureThreshold": .int(failures),
            ]
            if delay > 0 { probe["initialDelaySeconds"] = .int(delay) }
            return probe
        }
        return [
            "startupProbe": probe(live, period: 10, failures: startupFailures, delay: 10),
            "livenessProbe": probe(live, period: 10, failures: 8, delay: 10),
            "readinessProbe": probe(ready, period: 1, failures: 3),
        ]
    }

    /// A projected volume of Secret keys: each `(secret, key, path)` becomes the file `path`.
    static func projectedVolume(_ name: String, _ files: [(secret: String, key: String, path: String)], mode: Int64 = 0o400) -> JSONValue {
        var order: [String] = []
        var items: [String: [JSONValue]] = [:]
        for file in files {
            if items[file.secret] == nil { order.append(file.secret) }
            items[file.secret, default: []].append(["key": .string(file.key), "path": .string(file.path)])
        }
        let sources: [JSONValue] = order.map { ["secret": ["name": .string($0), "items": .array(items[$0] ?? [])]] }
        return ["name": .string(name), "projected": ["sources": .array(sources), "defaultMode": .int(mode)]]
    }

    static func mount(_ name: String, at path: String, subPath: String? = nil, readOnly: Bool = true) -> JSONValue {
        var mount: JSONValue = ["name": .string(name), "mountPath": .string(path)]
        if let subPath { mount["subPath"] = .string(subPath) }
        if readOnly { mount["readOnly"] = true }
        return mount
    }

    /// `--name=value` flags, sorted by name as kubeadm writes them, with `extra` overriding.
    static func flags(_ flags: [String: String], extra: [String: String]?) -> [String] {
        flags.merging(extra ?? [:]) { _, new in new }.sorted { $0.key < $1.key }.map { "--\($0.key)=\($0.value)" }
    }
}
