import Bootstrap
import KubeKit
import Testing

@Suite("what each format does besides writing files")
struct FormatTests {
    @Test("cloud-config runs the pre-commands, the bootstrap script and the post-commands, and sets SSH keys and NTP")
    func cloudConfig() throws {
        let plan = TestPlans.plan(flavor: .k0s)
        let document = try decodedDocument(try UserDataRenderer.render(plan, sizeLimit: 1 << 20))
        #expect(document["runcmd"] == ["echo pre-bootstrap", "/usr/local/sbin/mothership-bootstrap.sh", "echo post-bootstrap"])
        #expect(document["ssh_authorized_keys"] == .array(plan.sshAuthorizedKeys.map(JSONValue.string)))
        #expect(document["ntp"] == ["enabled": true, "servers": ["0.pool.ntp.org", "1.pool.ntp.org"]])
    }

    @Test("Ignition runs the same commands once, from an enabled oneshot service after the network is online")
    func ignition() throws {
        let plan = TestPlans.plan(flavor: .kubeadm, format: .ignition)
        let userData = try UserDataRenderer.render(plan, sizeLimit: 1 << 20)
        let document = try decodedDocument(userData)
        #expect(document[path: ["ignition", "version"]] == "3.3.0")
        #expect(
            document[path: ["passwd", "users"]] == [
                ["name": "core", "sshAuthorizedKeys": .array(plan.sshAuthorizedKeys.map(JSONValue.string))]
            ])
        let unit = try #require(document[path: ["systemd", "units"]]?.arrayValue?.first)
        #expect(unit["name"] == "mothership-bootstrap.service" && unit["enabled"] == true)
        let contents = try #require(unit["contents"]?.stringValue)
        for line in [
            "After=network-online.target", "Type=oneshot", "ExecStart=/usr/local/sbin/mothership-commands.sh",
            "ConditionPathExists=!/var/lib/mothership/bootstrap.done",
        ] {
            #expect(contents.contains(line + "\n"))
        }
        let commands = try renderedText(userData, at: "/usr/local/sbin/mothership-commands.sh")
        #expect(commands.contains("set -e\necho pre-bootstrap\n/usr/local/sbin/mothership-bootstrap.sh\necho post-bootstrap\n"))
        #expect(commands.hasSuffix("touch /var/lib/mothership/bootstrap.done\n"))
        #expect(
            try renderedText(userData, at: "/etc/systemd/timesyncd.conf.d/mothership-ntp.conf")
                == "[Time]\nNTP=0.pool.ntp.org 1.pool.ntp.org\n")
    }

    @Test(
        "a plan with nothing but the join renders valid user data", arguments: BootstrapPlan.Flavor.allCases, BootstrapPlan.Format.allCases)
    func minimal(flavor: BootstrapPlan.Flavor, format: BootstrapPlan.Format) throws {
        let plan = BootstrapPlan(
            flavor: flavor, version: flavor == .k0s ? "v1.30.6+k0s.0" : "v1.30.6", install: .preinstalled, format: format,
            join: BootstrapPlan.Join(
                apiServerEndpoint: TestPlans.apiServerEndpoint, token: Sensitive(TestPlans.token),
                caCertificatePEM: TestPlans.caCertificatePEM))
        let userData = try UserDataRenderer.render(plan, sizeLimit: 1 << 20)
        let problems =
            try format == .cloudConfig ? Validators.cloudInitSchemaProblems(userData.bytes) : Validators.ignitionProblems(userData.bytes)
        #expect(problems == nil, "\(problems ?? "")")
    }

    @Test("the validators reject a broken document, so their pass means something")
    func validatorsReject() throws {
        #expect(try Validators.cloudInitSchemaProblems(Array("#cloud-config\nruncmd: 5\n".utf8)) != nil)
        #expect(
            try Validators.ignitionProblems(Array(#"{"ignition":{"version":"3.3.0"},"storage":{"files":[{"path":"relative"}]}}"#.utf8))
                != nil)
    }
}
