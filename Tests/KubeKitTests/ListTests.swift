import Foundation
import KubeKit
import KubeKitTesting
import Testing

@Suite("list with pagination and selectors")
struct ListTests {
    @Test("limit pages through more than one page; listAll returns every object once")
    func pagination() async throws {
        try await Envtest.shared().withNamespace { namespace, client in
            let names = (0..<25).map { String(format: "cm-%02d", $0) }
            for name in names { _ = try await client.create(configMap(name, in: namespace)) }

            var pages: [[String]] = []
            var options = ListOptions(limit: 10)
            repeat {
                let page = try await client.list(ConfigMap.self, namespace: namespace, options: options)
                pages.append(page.items.compactMap(\.metadata.name))
                options.continueToken = page.metadata.continue
            } while options.continueToken?.isEmpty == false
            #expect(pages.map(\.count) == [10, 10, 5])
            #expect(pages.flatMap { $0 }.sorted() == names)

            let all = try await client.listAll(ConfigMap.self, namespace: namespace, options: ListOptions(limit: 7))
            #expect(all.items.compactMap(\.metadata.name).sorted() == names)
            #expect(all.metadata.resourceVersion?.isEmpty == false)
        }
    }

    @Test("label selectors: equality, inequality, set-based, existence")
    func labelSelectors() async throws {
        try await Envtest.shared().withNamespace { namespace, client in
            _ = try await client.create(configMap("web-prod", in: namespace, labels: ["app": "web", "env": "prod"]))
            _ = try await client.create(configMap("web-dev", in: namespace, labels: ["app": "web", "env": "dev"]))
            _ = try await client.create(configMap("db-prod", in: namespace, labels: ["app": "db", "env": "prod", "legacy": "yes"]))

            func names(_ selector: LabelSelector) async throws -> [String] {
                try await client.list(ConfigMap.self, namespace: namespace, options: ListOptions(labelSelector: selector))
                    .items.compactMap(\.metadata.name).sorted()
            }
            #expect(try await names(["app": "web"]) == ["web-dev", "web-prod"])
            #expect(try await names(LabelSelector([.equals("app", "web"), .notEquals("env", "dev")])) == ["web-prod"])
            #expect(try await names(LabelSelector([.in("env", ["dev", "staging"])])) == ["web-dev"])
            #expect(try await names(LabelSelector([.notIn("app", ["web"])])) == ["db-prod"])
            #expect(try await names(LabelSelector([.exists("legacy")])) == ["db-prod"])
            #expect(try await names(LabelSelector([.doesNotExist("legacy"), .equals("env", "prod")])) == ["web-prod"])
        }
    }

    @Test("field selectors select by name; an unsupported field is a bad request naming it")
    func fieldSelectors() async throws {
        try await Envtest.shared().withNamespace { namespace, client in
            _ = try await client.create(configMap("a", in: namespace))
            _ = try await client.create(configMap("b", in: namespace))
            let selected = try await client.list(
                ConfigMap.self, namespace: namespace, options: ListOptions(fieldSelector: ["metadata.name": "b"]))
            #expect(selected.items.compactMap(\.metadata.name) == ["b"])
            let excluded = try await client.list(
                ConfigMap.self, namespace: namespace, options: ListOptions(fieldSelector: FieldSelector([.notEquals("metadata.name", "b")])))
            #expect(excluded.items.compactMap(\.metadata.name) == ["a"])

            let error = await kubeError {
                _ = try await client.list(ConfigMap.self, namespace: namespace, options: ListOptions(fieldSelector: ["data.x": "1"]))
            }
            #expect(error?.code == .badRequest)
            #expect(error?.message.contains("data.x") == true)
        }
    }

    @Test("a list across all namespaces finds objects in each")
    func allNamespaces() async throws {
        let server = try await Envtest.shared()
        let label = UUID().uuidString.prefix(8).lowercased()
        try await server.withNamespace { first, client in
            try await server.withNamespace { second, _ in
                _ = try await client.create(configMap("x", in: first, labels: ["run": String(label)]))
                _ = try await client.create(configMap("x", in: second, labels: ["run": String(label)]))
                let all = try await client.list(ConfigMap.self, options: ListOptions(labelSelector: ["run": String(label)]))
                #expect(Set(all.items.compactMap(\.metadata.namespace)) == [first, second])
            }
        }
    }
}
