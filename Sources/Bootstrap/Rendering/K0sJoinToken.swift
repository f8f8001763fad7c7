import Foundation
import KubeKit

/// A k0s worker join token, the format `k0s token create --role worker` prints and
/// `k0s install worker --token-file` reads: the base64 of the gzip of a kubeconfig that points at
/// the API server, trusts the cluster CA and authenticates with the bootstrap token.
enum K0sJoinToken {
    static func encode(endpoint: APIServerEndpoint, ca: CACertificate, token: Sensitive<String>) throws(UserDataError) -> String {
        let kubeconfig: JSONValue = [
            "apiVersion": "v1",
            "kind": "Config",
            "clusters": [
                [
                    "name": "k0s",
                    "cluster": [
                        "server": .string(endpoint.url),
                        "certificate-authority-data": .string(Data(ca.pem.utf8).base64EncodedString()),
                    ],
                ]
            ],
            "contexts": [["name": "k0s", "context": ["cluster": "k0s", "user": "kubelet-bootstrap"]]],
            "current-context": "k0s",
            "preferences": [:],
            "users": [["name": "kubelet-bootstrap", "user": ["token": .string(token.value)]]],
        ]
        let compressed = try Gzip.compress(Array(try YAML.encode(kubeconfig).utf8))
        return Data(compressed).base64EncodedString()
    }
}
