import Foundation

/// One kubeconfig of a hosted cluster: which server it points at, as which user, with a client
/// certificate described by `client` (whose `secretName` is the kubeconfig's Secret).
struct KubeconfigProfile: Sendable, Hashable {
    var clusterName: String
    var userName: String
    var server: String
    var client: CertificateProfile

    var contextName: String { "\(userName)@\(clusterName)" }

    /// The kubeconfig YAML with the CA and the client certificate and key embedded as base64 data,
    /// as `kubectl config view --raw` prints one.
    func render(caCertificatePEM: Data, certificatePEM: String, keyPEM: String) -> String {
        """
        apiVersion: v1
        kind: Config
        clusters:
        - name: \(yamlString(clusterName))
          cluster:
            server: \(yamlString(server))
            certificate-authority-data: \(caCertificatePEM.base64EncodedString())
        contexts:
        - name: \(yamlString(contextName))
          context:
            cluster: \(yamlString(clusterName))
            user: \(yamlString(userName))
        current-context: \(yamlString(contextName))
        users:
        - name: \(yamlString(userName))
          user:
            client-certificate-data: \(Data(certificatePEM.utf8).base64EncodedString())
            client-key-data: \(Data(keyPEM.utf8).base64EncodedString())

        """
    }

    /// The client certificate and key embedded in a kubeconfig this profile rendered, when
    /// rendering them again with `caCertificatePEM` gives exactly `yaml` (same server, user and
    /// CA); nil otherwise, and for any kubeconfig written by someone else.
    func embeddedClient(in yaml: Data, caCertificatePEM: Data) -> LeafCertificate? {
        guard let text = String(data: yaml, encoding: .utf8) else { return nil }
        var fields: [String: Data] = [:]
        for line in text.split(separator: "\n") {
            let trimmed = line.drop(while: { $0 == " " })
            for key in ["client-certificate-data", "client-key-data"] where trimmed.hasPrefix("\(key): ") {
                fields[key] = Data(base64Encoded: String(trimmed.dropFirst(key.count + 2)))
            }
        }
        guard let stored = LeafCertificate(certificatePEM: fields["client-certificate-data"], keyPEM: fields["client-key-data"]),
            render(caCertificatePEM: caCertificatePEM, certificatePEM: stored.certificatePEM, keyPEM: stored.key.pem) == text
        else { return nil }
        return stored
    }
}

/// `text` as a YAML double-quoted scalar, so names and URLs can never break the document.
private func yamlString(_ text: String) -> String {
    var quoted = "\""
    for scalar in text.unicodeScalars {
        switch scalar {
        case "\"": quoted += "\\\""
        case "\\": quoted += "\\\\"
        case _ where scalar.value < 0x20 || scalar.value == 0x7F:
            quoted += "\\x" + (scalar.value < 0x10 ? "0" : "") + String(scalar.value, radix: 16)
        default: quoted.unicodeScalars.append(scalar)
        }
    }
    return quoted + "\""
}
