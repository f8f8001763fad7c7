import Bootstrap
import Foundation
import KubeKit
import KubeKitTesting

/// Fixed inputs for rendering: the committed test CA, a fixed token, and plans that use every
/// feature, so golden files only change when the renderer does.
enum TestPlans {
    static let goldenDirectory = "\(Envtest.repositoryRoot)/Tests/Fixtures/bootstrap-golden"
    static let caCertificatePath = "\(goldenDirectory)/test-ca.pem"
    static let caCertificatePEM = try! String(contentsOfFile: caCertificatePath, encoding: .utf8)
    static let token = "abcdef.0123456789abcdef"
    static let apiServerEndpoint = "https://workload.example.com:6443"
    /// The content of a file the user data carries; it must never show up in an error.
    static let secretFileContent = "motd: managed by mothership\n"

    /// How the node software arrives, with fixed mirror URLs and checksums.
    enum Install: String, CaseIterable, Sendable {
        case download, preinstalled, bundle

        func method(for flavor: BootstrapPlan.Flavor) -> BootstrapPlan.InstallMethod {
            let sha256 = String(repeating: "0123456789abcdef", count: 4)
            switch (self, flavor) {
            case (.preinstalled, _): return .preinstalled
            case (.download, .k0s):
                return .download(url: "https://mirror.example.com/k0s/v1.31.2+k0s.0/k0s-v1.31.2+k0s.0-amd64", sha256: sha256)
            case (.download, .kubeadm):
                return .download(url: "https://mirror.example.com/kubernetes/v1.31.2/kubernetes-node-linux-amd64.tar.gz", sha256: sha256)
            case (.bundle, _):
                return .bundle(url: "https://mirror.example.com/bundles/\(flavor.rawValue)-v1.31.2-amd64.tar.gz", sha256: sha256)
            }
        }
    }

    /// One cell of the flavor × install method × format table.
    struct Case: Sendable, CustomStringConvertible {
        var flavor: BootstrapPlan.Flavor
        var install: Install
        var format: BootstrapPlan.Format

        static let all = BootstrapPlan.Flavor.allCases.flatMap { flavor in
            Install.allCases.flatMap { install in BootstrapPlan.Format.allCases.map { Case(flavor: flavor, install: install, format: $0) } }
        }

        var description: String { "\(flavor.rawValue) \(install.rawValue) \(format.rawValue)" }

        var goldenPath: String {
            "\(TestPlans.goldenDirectory)/\(flavor.rawValue)-\(install.rawValue).\(format == .cloudConfig ? "cloud-config.yaml" : "ignition.json")"
        }

        var plan: BootstrapPlan { TestPlans.plan(flavor: flavor, install: install.method(for: flavor), format: format) }
    }

    /// A plan with every feature in use.
    static func plan(
        flavor: BootstrapPlan.Flavor, install: BootstrapPlan.InstallMethod = .preinstalled, format: BootstrapPlan.Format = .cloudConfig
    ) -> BootstrapPlan {
        BootstrapPlan(
            flavor: flavor,
            version: flavor == .k0s ? "v1.31.2+k0s.0" : "v1.31.2",
            install: install,
            files: [
                BootstrapPlan.File(path: "/etc/motd", content: secretFileContent, permissions: "0644", owner: "root:root"),
                BootstrapPlan.File(path: "/etc/mothership/extra.conf", content: "YT1iCg==", permissions: "0640", encoding: .base64),
                BootstrapPlan.File(
                    path: "/etc/mothership/compressed.txt", content: "H4sIAAAAAAAAA0vOzy0oSi0uTk1RSMvMSeUCAPEuZV8QAAAA",
                    encoding: .gzipBase64),
            ],
            preCommands: ["echo pre-bootstrap"],
            postCommands: ["echo post-bootstrap"],
            nodeLabels: ["topology.kubernetes.io/zone": "zone-a", "mothership.dev/machine": "worker-0"],
            taints: [
                BootstrapPlan.Taint(key: "dedicated", value: "gpu", effect: "NoSchedule"),
                BootstrapPlan.Taint(key: "example.com/maintenance", effect: "NoExecute"),
            ],
            kubeletExtraArgs: ["node-ip": "10.0.0.10", "max-pods": "200"],
            proxy: BootstrapPlan.Proxy(
                httpProxy: "http://proxy.example.com:3128", httpsProxy: "http://proxy.example.com:3128",
                noProxy: ["10.0.0.0/8", ".cluster.local", "localhost"]),
            sshAuthorizedKeys: ["ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIMothershipGoldenFileTestKeyOnly0123456789ab test@mothership"],
            ntpServers: ["0.pool.ntp.org", "1.pool.ntp.org"],
            format: format,
            join: BootstrapPlan.Join(
                apiServerEndpoint: apiServerEndpoint, token: Sensitive(token), caCertificatePEM: caCertificatePEM)
        )
    }
}
