import KubeKit

/// The Pod fields environment variables and downward API files may refer to (`fieldRef`), as
/// the kubelet resolves them.
struct PodFields {
    let pod: Pod
    let podIP: String
    let hostIP: String

    /// The value of `fieldPath`, e.g. `metadata.name`, `status.podIP` or `metadata.labels['app']`.
    func value(of fieldPath: String) throws -> String {
        switch fieldPath {
        case "metadata.name": return pod.metadata.name ?? ""
        case "metadata.namespace": return pod.metadata.namespace ?? ""
        case "metadata.uid": return pod.metadata.uid ?? ""
        case "spec.nodeName": return pod.spec?.nodeName ?? ""
        case "spec.serviceAccountName": return pod.spec?.serviceAccountName ?? "default"
        case "status.podIP", "status.podIPs": return podIP
        case "status.hostIP", "status.hostIPs": return hostIP
        default:
            for (prefix, map) in [("metadata.labels", pod.metadata.labels), ("metadata.annotations", pod.metadata.annotations)] {
                if fieldPath.hasPrefix(prefix + "['"), fieldPath.hasSuffix("']") {
                    let key = fieldPath.dropFirst(prefix.count + 2).dropLast(2)
                    return map?[String(key)] ?? ""
                }
            }
            throw DevRuntimeError(.containerConfig, "field path \(fieldPath) is not supported")
        }
    }
}
