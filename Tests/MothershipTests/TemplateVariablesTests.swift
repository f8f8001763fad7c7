import Testing

@testable import mothership

@Suite("clusterctl template variables")
struct TemplateVariablesTests {
    @Test(
        "references are replaced by clusterctl's rules",
        arguments: [
            ("name: ${CLUSTER_NAME}", ["CLUSTER_NAME": "prod"], "name: prod"),
            ("replicas: ${WORKERS:=3}", [:], "replicas: 3"),
            ("replicas: ${WORKERS:=3}", ["WORKERS": ""], "replicas: 3"),
            ("replicas: ${WORKERS:-3}", ["WORKERS": "5"], "replicas: 5"),
            ("cidr: ${CIDR=10.0.0.0/8}", ["CIDR": ""], "cidr: "),
            ("cidr: ${CIDR-10.0.0.0/8}", [:], "cidr: 10.0.0.0/8"),
            ("script: echo $HOME ${A}-${A}", ["A": "x"], "script: echo $HOME x-x"),
            ("empty default: '${TAG:=}'", [:], "empty default: ''"),
        ] as [(String, [String: String], String)])
    func render(template: String, values: [String: String], expected: String) throws {
        #expect(try TemplateVariables(parsing: template).render(values) == expected)
    }

    @Test("every missing variable is named at once, sorted; ones with defaults are not missing")
    func missingTogether() throws {
        let template = try TemplateVariables(parsing: "a: ${ZONE}\nb: ${NAME}\nc: ${NAME}\nd: ${SIZE:=1}\ne: ${IMAGE}")
        #expect(throws: TemplateError.missingVariables(["IMAGE", "NAME", "ZONE"])) { try template.render(["UNUSED": "x"]) }
        #expect(template.references.map(\.name) == ["ZONE", "NAME", "SIZE", "IMAGE"])
        #expect(template.references.first { $0.name == "SIZE" }?.fallback == "1")
    }

    @Test("a malformed reference is an error naming its line")
    func malformed() {
        #expect(throws: TemplateError.unclosed(line: 2)) { try TemplateVariables(parsing: "a: 1\nb: ${OPEN\n") }
        #expect(throws: TemplateError.invalidName("1ST", line: 1)) { try TemplateVariables(parsing: "a: ${1ST}") }
        #expect(throws: TemplateError.invalidName("A B", line: 1)) { try TemplateVariables(parsing: "a: ${A B}") }
    }
}
