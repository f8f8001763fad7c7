import Foundation
import KubeKit
import Testing

@Suite("RFC 3339 timestamps")
struct RFC3339Tests {
    @Test(
        "parses the forms Kubernetes writes",
        arguments: [
            ("2026-11-25T19:20:30Z", 1_795_634_430.0),
            ("2026-11-25T19:20:30.250000Z", 1_795_634_430.25),
            ("2026-11-25T20:20:30+01:00", 1_795_634_430.0),
            ("1970-01-01T00:00:00Z", 0.0),
        ])
    func parses(text: String, seconds: Double) {
        #expect(RFC3339.parse(text)?.timeIntervalSince1970 == seconds)
    }

    @Test("refuses what is not a timestamp", arguments: ["", "2026-11-25", "2026-13-01T00:00:00Z", "2026-11-25T19:20:30", "2026-11-25T19:20:30.Z"])
    func refuses(text: String) {
        #expect(RFC3339.parse(text) == nil)
    }

    @Test("formats whole seconds and microseconds in UTC")
    func formats() {
        let date = Date(timeIntervalSince1970: 1_795_634_430.25)
        #expect(RFC3339.format(date) == "2026-11-25T19:20:30Z")
        #expect(RFC3339.formatMicroseconds(date) == "2026-11-25T19:20:30.250000Z")
    }
}

@Suite("selectors")
struct SelectorTests {
    @Test("label selectors render the API's syntax and match labels the same way")
    func labelSelectors() {
        let selector = LabelSelector([.equals("app", "web"), .notEquals("tier", "db"), .in("env", ["a", "b"]), .notIn("zone", ["x"]), .exists("team"), .doesNotExist("legacy")])
        #expect(selector.description == "app=web,tier!=db,env in (a,b),zone notin (x),team,!legacy")
        #expect(selector.matches(["app": "web", "env": "a", "team": "t"]))
        #expect(!selector.matches(["app": "web", "env": "a", "team": "t", "legacy": "1"]))
        #expect(!selector.matches(["app": "web", "env": "c", "team": "t"]))
    }

    @Test("field selector values escape the syntax's special characters")
    func fieldSelectorEscaping() {
        #expect(FieldSelector([.equals("metadata.name", "a,b=c\\d")]).description == "metadata.name=a\\,b\\=c\\\\d")
    }
}

@Suite("YAML manifests")
struct YAMLDocumentsTests {
    @Test("multi-document YAML becomes objects, with kubectl's scalar typing")
    func documents() throws {
        let objects = try YAMLDocuments.objects("""
            apiVersion: v1
            kind: ConfigMap
            metadata: {name: a, labels: {version: "1"}}
            data: {count: "3"}
            ---
            # empty document
            ---
            apiVersion: example.com/v1
            kind: Thing
            metadata: {name: b}
            spec: {replicas: 3, ratio: 0.5, enabled: true, nothing: null, when: 2026-01-01}
            """)
        #expect(objects.count == 2)
        #expect(objects[0].metadata.labels == ["version": "1"])
        #expect(objects[1]["spec"] == ["replicas": 3, "ratio": 0.5, "enabled": true, "nothing": nil, "when": "2026-01-01"])
    }

    @Test("a document without apiVersion or kind is refused, naming it")
    func missingKind() {
        #expect(throws: YAMLDocumentError.self) { try YAMLDocuments.objects("a: 1\n---\nkind: X\n") }
    }
}

@Suite("secrets stay secret")
struct RedactionTests {
    @Test("a Secret's description, debug description and dump show keys, never values")
    func secretDescriptions() {
        let secret = Secret(metadata: ObjectMeta(name: "kc", namespace: "ns"), data: ["value": Data("TOP-SECRET".utf8)], stringData: ["token": "ALSO-SECRET"])
        var dumped = ""
        dump(secret, to: &dumped)
        for text in [String(describing: secret), String(reflecting: secret), "\(secret)", dumped] {
            #expect(!text.contains("TOP-SECRET"))
            #expect(!text.contains("ALSO-SECRET"))
            #expect(!text.contains(Data("TOP-SECRET".utf8).base64EncodedString()))
        }
        #expect(String(describing: secret).contains("keys: [token, value]"))
    }

    @Test("an unstructured object describes itself by kind and name only")
    func unstructuredDescriptions() throws {
        let secret = try YAMLDocuments.objects("apiVersion: v1\nkind: Secret\nmetadata: {name: s, namespace: n}\ndata: {value: VE9QLVNFQ1JFVA==}\n")[0]
        var dumped = ""
        dump(secret, to: &dumped)
        for text in [String(describing: secret), String(reflecting: secret), dumped] {
            #expect(!text.contains("VE9QLVNFQ1JFVA=="))
        }
        #expect(String(describing: secret) == "Secret(n/s, v1)")
    }

    @Test("a configuration's credentials never print")
    func configurationDescriptions() throws {
        let configuration = try ClientConfiguration.fromKubeconfig(yaml: """
            clusters: [{name: k, cluster: {server: "https://127.0.0.1:6443"}}]
            users: [{name: u, user: {token: TOKEN-VALUE}}]
            contexts: [{name: c, context: {cluster: k, user: u}}]
            current-context: c
            """)
        var dumped = ""
        dump(configuration, to: &dumped)
        for text in [String(describing: configuration), String(reflecting: configuration), dumped, "\(configuration.credentials)"] {
            #expect(!text.contains("TOKEN-VALUE"))
        }
    }
}

@Suite("client-side rate limit")
struct RateLimitTests {
    @Test("requests beyond the burst wait for the bucket to refill")
    func rateLimitSpacesRequests() async throws {
        let client = KubeClient(configuration: ClientConfiguration(
            server: "https://127.0.0.1:1", timeout: .seconds(5), rateLimit: RateLimit(queriesPerSecond: 10, burst: 2)))
        let started = ContinuousClock.now
        for _ in 0..<6 { _ = try? await client.list(Namespace.self) }
        // 2 free, then 4 at 10 per second: at least 0.4 s however fast the refusals come.
        #expect(ContinuousClock.now - started >= .milliseconds(390))
    }
}
