import KubeKit

/// This release's version, as its image tag and clusterctl release series.
let releaseVersion = "0.1.0"

/// clusterctl's `metadata.yaml`: which CAPI contract each release series implements.
enum ReleaseMetadata {
    static func document() -> JSONValue {
        [
            "apiVersion": "clusterctl.cluster.x-k8s.io/v1alpha3", "kind": "Metadata",
            "releaseSeries": [["major": 0, "minor": 1, "contract": "v1beta2"]],
        ]
    }
}
