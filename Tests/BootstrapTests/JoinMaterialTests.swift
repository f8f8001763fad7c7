import Bootstrap
import Foundation
import KubeKit
import Testing

@Suite("join material")
struct JoinMaterialTests {
    @Test(
        "the k0s join token is base64 of gzip of a kubeconfig with the API server, the CA and the bootstrap token",
        arguments: BootstrapPlan.Format.allCases)
    func k0sToken(format: BootstrapPlan.Format) throws {
        let userData = try UserDataRenderer.render(TestPlans.plan(flavor: .k0s, format: format), sizeLimit: 1 << 20)
        let token = try renderedText(userData, at: "/etc/k0s/join-token")
        let gzipped = try Data(base64Encoded: token).orThrow("the join token is not base64")
        let kubeconfig = try YAMLDocuments.decode(String(decoding: try gunzip(Array(gzipped)), as: UTF8.self)).first.orThrow(
            "empty kubeconfig")
        #expect(kubeconfig["kind"] == "Config")
        let cluster = try #require(kubeconfig["clusters"]?.arrayValue?.first?["cluster"])
        #expect(cluster["server"] == .string(TestPlans.apiServerEndpoint))
        let caData = try #require(cluster["certificate-authority-data"]?.stringValue.flatMap { Data(base64Encoded: $0) })
        #expect(String(decoding: caData, as: UTF8.self) == TestPlans.caCertificatePEM)
        #expect(kubeconfig["users"]?.arrayValue?.first?[path: ["user", "token"]] == .string(TestPlans.token))
        #expect(kubeconfig["current-context"] == "k0s")
    }

    @Test("k0s installs the worker with the token file and the node's labels, taints and kubelet args")
    func k0sInstallWorker() throws {
        let userData = try UserDataRenderer.render(TestPlans.plan(flavor: .k0s), sizeLimit: 1 << 20)
        let script = try renderedText(userData, at: "/usr/local/sbin/mothership-bootstrap.sh")
        #expect(
            script.contains(
                "k0s install worker --token-file /etc/k0s/join-token"
                    + " --labels mothership.dev/machine=worker-0,topology.kubernetes.io/zone=zone-a"
                    + " --taints dedicated=gpu:NoSchedule,example.com/maintenance:NoExecute"
                    + " --kubelet-extra-args '--max-pods=200 --node-ip=10.0.0.10'\nk0s start\n"))
    }

    @Test("the kubeadm CA hash is the SHA-256 of the CA's DER SubjectPublicKeyInfo, as openssl computes it")
    func kubeadmCAHash() throws {
        let userData = try UserDataRenderer.render(TestPlans.plan(flavor: .kubeadm), sizeLimit: 1 << 20)
        let configuration = try joinConfiguration(userData)
        let openssl = try runShell(
            "openssl x509 -pubkey -noout -in '\(TestPlans.caCertificatePath)' | openssl pkey -pubin -outform der | sha256sum")
        try #require(openssl.status == 0, "openssl: \(openssl.outputText)")
        let expected = String(decoding: openssl.standardOutput, as: UTF8.self).prefix { $0 != " " }
        #expect(expected.count == 64)
        #expect(configuration[path: ["discovery", "bootstrapToken", "caCertHashes"]] == [.string("sha256:\(expected)")])
        #expect(configuration[path: ["discovery", "bootstrapToken", "apiServerEndpoint"]] == "workload.example.com:6443")
        #expect(configuration[path: ["discovery", "bootstrapToken", "token"]] == .string(TestPlans.token))
    }

    @Test(
        "kubeadm gets v1beta4 with kubelet args as a list from 1.31 on, v1beta3 with a map from 1.22, v1beta2 before",
        arguments: [
            ("v1.31.2", "kubeadm.k8s.io/v1beta4"), ("v1.32.0", "kubeadm.k8s.io/v1beta4"), ("v1.30.6", "kubeadm.k8s.io/v1beta3"),
            ("v1.22.0", "kubeadm.k8s.io/v1beta3"), ("v1.21.14", "kubeadm.k8s.io/v1beta2"), ("v1.20.2", "kubeadm.k8s.io/v1beta2"),
        ])
    func kubeadmAPIVersion(version: String, apiVersion: String) throws {
        var plan = TestPlans.plan(flavor: .kubeadm)
        plan.version = version
        let configuration = try joinConfiguration(try UserDataRenderer.render(plan, sizeLimit: 1 << 20))
        #expect(configuration["apiVersion"] == .string(apiVersion))
        #expect(configuration["kind"] == "JoinConfiguration")
        let labels = "mothership.dev/machine=worker-0,topology.kubernetes.io/zone=zone-a"
        let kubeletExtraArgs = configuration[path: ["nodeRegistration", "kubeletExtraArgs"]]
        if apiVersion.hasSuffix("v1beta4") {
            #expect(
                kubeletExtraArgs == [
                    ["name": "max-pods", "value": "200"], ["name": "node-ip", "value": "10.0.0.10"],
                    ["name": "node-labels", "value": .string(labels)],
                ])
        } else {
            #expect(kubeletExtraArgs == ["max-pods": "200", "node-ip": "10.0.0.10", "node-labels": .string(labels)])
        }
        #expect(
            configuration[path: ["nodeRegistration", "taints"]] == [
                ["key": "dedicated", "value": "gpu", "effect": "NoSchedule"], ["key": "example.com/maintenance", "effect": "NoExecute"],
            ])
    }

    @Test("an API server endpoint without a port joins on 443")
    func defaultPort() throws {
        var plan = TestPlans.plan(flavor: .kubeadm)
        plan.join.apiServerEndpoint = "https://workload.example.com"
        let configuration = try joinConfiguration(try UserDataRenderer.render(plan, sizeLimit: 1 << 20))
        #expect(configuration[path: ["discovery", "bootstrapToken", "apiServerEndpoint"]] == "workload.example.com:443")
    }

    private func joinConfiguration(_ userData: UserData) throws -> JSONValue {
        let yaml = try renderedText(userData, at: "/etc/mothership/kubeadm-join-config.yaml")
        return try YAMLDocuments.decode(yaml).first.orThrow("empty JoinConfiguration")
    }
}
