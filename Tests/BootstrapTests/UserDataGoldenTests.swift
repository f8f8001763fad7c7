import Bootstrap
import Foundation
import Testing

@Suite("user data for every flavor, install method and format")
struct UserDataGoldenTests {
    @Test("the rendering matches its golden file", arguments: TestPlans.Case.all)
    func golden(_ testCase: TestPlans.Case) throws {
        let userData = try UserDataRenderer.render(testCase.plan, sizeLimit: 1 << 20)
        #expect(!userData.compressed)
        #expect(userData.format == testCase.format)
        let expected = try GoldenFile.expected(at: testCase.goldenPath, actual: userData.bytes)
        #expect(
            String(decoding: userData.bytes, as: UTF8.self) == String(decoding: expected, as: UTF8.self),
            "differs from \(testCase.goldenPath); rerun with MOTHERSHIP_UPDATE_GOLDEN=1 and review the diff")
    }

    @Test("the same plan always renders the same bytes", arguments: TestPlans.Case.all)
    func deterministic(_ testCase: TestPlans.Case) throws {
        let renderings = try (0..<3).map { _ in try UserDataRenderer.render(testCase.plan, sizeLimit: 1 << 20).bytes }
        #expect(Set(renderings).count == 1)
    }

    @Test("the real validator accepts the user data", arguments: TestPlans.Case.all)
    func validator(_ testCase: TestPlans.Case) throws {
        let userData = try UserDataRenderer.render(testCase.plan, sizeLimit: 1 << 20)
        switch testCase.format {
        case .cloudConfig:
            #expect(userData.bytes.starts(with: Array("#cloud-config\n".utf8)))
            let problems = try Validators.cloudInitSchemaProblems(userData.bytes)
            #expect(problems == nil, "cloud-init schema: \(problems ?? "")")
        case .ignition:
            let problems = try Validators.ignitionProblems(userData.bytes)
            #expect(problems == nil, "ignition-validate: \(problems ?? "")")
        }
    }

    @Test("the bootstrap script is valid bash that ends by touching the Cluster API success sentinel", arguments: TestPlans.Case.all)
    func bootstrapScript(_ testCase: TestPlans.Case) throws {
        let userData = try UserDataRenderer.render(testCase.plan, sizeLimit: 1 << 20)
        let script = try renderedText(userData, at: "/usr/local/sbin/mothership-bootstrap.sh")
        let syntax = try withScratchDirectory { try runCommand("/bin/bash", ["-n", try $0.write("bootstrap.sh", Array(script.utf8))]) }
        #expect(syntax.status == 0, "bash -n: \(syntax.outputText)")
        #expect(script.contains("set -euo pipefail"))
        #expect(script.hasSuffix("mkdir -p /run/cluster-api\ntouch /run/cluster-api/bootstrap-success.complete\n"))
    }

    @Test(
        "downloads are checked against their SHA-256 before they are installed",
        arguments: TestPlans.Case.all.filter { $0.install != .preinstalled })
    func checksum(_ testCase: TestPlans.Case) throws {
        let script = try renderedText(
            try UserDataRenderer.render(testCase.plan, sizeLimit: 1 << 20), at: "/usr/local/sbin/mothership-bootstrap.sh")
        let check = try #require(script.range(of: "| sha256sum -c -"))
        let install = try #require(script.range(of: "install -m 0755"))
        #expect(check.upperBound < install.lowerBound)
        #expect(script.contains("curl -fsSL"))
    }

    @Test("secrets are written readable by root only", arguments: TestPlans.Case.all)
    func secretModes(_ testCase: TestPlans.Case) throws {
        let userData = try UserDataRenderer.render(testCase.plan, sizeLimit: 1 << 20)
        let document = try decodedDocument(userData)
        let entries = testCase.format == .cloudConfig ? document["write_files"] : document[path: ["storage", "files"]]
        let secrets = ["/etc/k0s/join-token", "/etc/mothership/kubeadm-join-config.yaml", "/etc/mothership/proxy.env"]
        let modes = (entries?.arrayValue ?? []).filter { secrets.contains($0["path"]?.stringValue ?? "") }.map {
            testCase.format == .cloudConfig ? $0["permissions"] : $0["mode"]
        }
        #expect(modes.count == 2, "the join material and the proxy environment")
        #expect(modes.allSatisfy { $0 == (testCase.format == .cloudConfig ? "0600" : .int(0o600)) })
    }
}
