import Bootstrap
import KubeKit
import Testing

/// A plan broken in one way, and the error that must name the problem.
struct InvalidPlan: Sendable, CustomTestStringConvertible {
    var testDescription: String
    var flavor: BootstrapPlan.Flavor = .kubeadm
    var change: @Sendable (inout BootstrapPlan) -> Void
    var error: UserDataError

    static let all: [InvalidPlan] = [
        InvalidPlan(
            testDescription: "two files with one path", change: { $0.files.append($0.files[0]) }, error: .duplicateFilePath("/etc/motd")),
        InvalidPlan(
            testDescription: "a file at the path of the bootstrap script",
            change: { $0.files.append(BootstrapPlan.File(path: "/usr/local/sbin/mothership-bootstrap.sh", content: "x")) },
            error: .duplicateFilePath("/usr/local/sbin/mothership-bootstrap.sh")),
        InvalidPlan(
            testDescription: "a file at the path of the k0s join token", flavor: .k0s,
            change: { $0.files.append(BootstrapPlan.File(path: "/etc/k0s/join-token", content: "x")) },
            error: .duplicateFilePath("/etc/k0s/join-token")),
        InvalidPlan(testDescription: "a relative path", change: { $0.files[0].path = "etc/motd" }, error: .invalidFilePath("etc/motd")),
        InvalidPlan(
            testDescription: "a path with ..", change: { $0.files[0].path = "/etc/../root/.ssh/authorized_keys" },
            error: .invalidFilePath("/etc/../root/.ssh/authorized_keys")),
        InvalidPlan(
            testDescription: "permissions that are not octal", change: { $0.files[0].permissions = "rw-r--r--" },
            error: .invalidFilePermissions(path: "/etc/motd", permissions: "rw-r--r--")),
        InvalidPlan(
            testDescription: "an owner with a space", change: { $0.files[0].owner = "root root" },
            error: .invalidFileOwner(path: "/etc/motd", owner: "root root")),
        InvalidPlan(
            testDescription: "base64 content that is not base64", change: { $0.files[0].encoding = .base64 },
            error: .invalidFileEncoding(path: "/etc/motd")),
        InvalidPlan(
            testDescription: "gzip content that is not gzip", change: { $0.files[1].encoding = .gzipBase64 },
            error: .invalidFileEncoding(path: "/etc/mothership/extra.conf")),
        InvalidPlan(testDescription: "a version without its v", change: { $0.version = "1.31.2" }, error: .invalidVersion("1.31.2")),
        InvalidPlan(
            testDescription: "a Kubernetes version for k0s", flavor: .k0s, change: { $0.version = "v1.31.2" },
            error: .invalidVersion("v1.31.2")),
        InvalidPlan(
            testDescription: "an install URL that is not http(s)",
            change: { $0.install = .download(url: "ftp://mirror.example.com/k8s.tar.gz", sha256: String(repeating: "a", count: 64)) },
            error: .invalidInstallURL),
        InvalidPlan(
            testDescription: "a short checksum",
            change: { $0.install = .bundle(url: "https://mirror.example.com/b.tar.gz", sha256: "abc") },
            error: .invalidInstallChecksum),
        InvalidPlan(
            testDescription: "an http API server", change: { $0.join.apiServerEndpoint = "http://workload.example.com:6443" },
            error: .invalidAPIServerEndpoint("http://workload.example.com:6443")),
        InvalidPlan(
            testDescription: "a token of the wrong form", change: { $0.join.token = Sensitive("secret-token-value") },
            error: .invalidJoinToken),
        InvalidPlan(
            testDescription: "a CA that is not a certificate",
            change: { $0.join.caCertificatePEM = "-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n" },
            error: .invalidCACertificate),
        InvalidPlan(
            testDescription: "a label key with a space", change: { $0.nodeLabels["bad key"] = "x" }, error: .invalidNodeLabel("bad key")),
        InvalidPlan(
            testDescription: "a label value with a comma", change: { $0.nodeLabels["tier"] = "a,b" }, error: .invalidNodeLabel("tier")),
        InvalidPlan(
            testDescription: "a taint with an unknown effect",
            change: { $0.taints = [BootstrapPlan.Taint(key: "dedicated", effect: "Sometimes")] },
            error: .invalidTaint("dedicated")),
        InvalidPlan(
            testDescription: "node-labels as a kubelet arg", change: { $0.kubeletExtraArgs["node-labels"] = "a=b" },
            error: .invalidKubeletExtraArg("node-labels")),
        InvalidPlan(
            testDescription: "a kubelet arg value with a space",
            change: { $0.kubeletExtraArgs["eviction-hard"] = "memory.available<100Mi nodefs.available<10%" },
            error: .invalidKubeletExtraArg("eviction-hard")),
        InvalidPlan(
            testDescription: "a proxy URL with shell syntax",
            change: { $0.proxy?.httpProxy = "http://user:hunter2@proxy.example.com:3128;reboot" },
            error: .invalidProxy("httpProxy")),
        InvalidPlan(
            testDescription: "an NTP server with a line break", change: { $0.ntpServers = ["pool.ntp.org\nFallbackNTP=evil.example.com"] },
            error: .invalidNTPServer("pool.ntp.org\nFallbackNTP=evil.example.com")),
    ]
}

@Suite("plan validation")
struct PlanValidationTests {
    @Test("an invalid plan fails with the error naming the problem", arguments: InvalidPlan.all, BootstrapPlan.Format.allCases)
    func invalidPlan(_ invalid: InvalidPlan, format: BootstrapPlan.Format) {
        var plan = TestPlans.plan(flavor: invalid.flavor, format: format)
        invalid.change(&plan)
        let error = #expect(throws: UserDataError.self) { try UserDataRenderer.render(plan, sizeLimit: 1 << 20) }
        #expect(error == invalid.error)
    }

    @Test("no error description carries the token, a file's content or a proxy password", arguments: InvalidPlan.all)
    func noSecretsInErrors(_ invalid: InvalidPlan) {
        var plan = TestPlans.plan(flavor: invalid.flavor)
        invalid.change(&plan)
        let error = #expect(throws: UserDataError.self) { try UserDataRenderer.render(plan, sizeLimit: 1 << 20) }
        let description = String(describing: error)
        for secret in [TestPlans.token, plan.join.token.value, TestPlans.secretFileContent.trimmingCharacters(in: .newlines), "hunter2"] {
            #expect(!description.contains(secret), "\(description) contains a secret")
        }
        #expect(!String(describing: plan.join.token).contains(plan.join.token.value))
    }

    @Test("the too-large error names sizes only")
    func tooLargeDescription() {
        #expect(
            UserDataError.tooLarge(size: 70_000, limit: 65_536).description
                == "user data is 70000 bytes even compressed, more than the platform's limit of 65536 bytes")
    }
}
