import Foundation
import KubeKit
import Testing

@Suite("mothership generate cluster")
struct GenerateClusterTests {
    static let template = """
        apiVersion: cluster.x-k8s.io/v1beta2
        kind: Cluster
        metadata:
          name: ${CLUSTER_NAME}
          namespace: ${NAMESPACE}
        spec:
          topology:
            version: ${KUBERNETES_VERSION}
        ---
        apiVersion: cluster.x-k8s.io/v1beta2
        kind: MachineDeployment
        metadata:
          name: ${CLUSTER_NAME}-workers
          namespace: ${NAMESPACE}
        spec:
          clusterName: ${CLUSTER_NAME}
          replicas: ${WORKER_MACHINE_COUNT}
          template:
            spec:
              clusterName: ${CLUSTER_NAME}
              failureDomain: ${FAILURE_DOMAIN:=rack-1}
              infrastructureRef: {apiGroup: infrastructure.mothership.dev, kind: SSHMachineTemplate, name: ${SSH_TEMPLATE}}

        """

    func writeTemplate() throws -> String {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("template-\(UUID().uuidString).yaml").path
        try Self.template.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    @Test("flags, environment and defaults fill the template; the output is valid objects")
    func renders() throws {
        let path = try writeTemplate()
        let result = try runMothership(
            ["generate", "cluster", "edge", "--from", path, "--target-namespace", "fleet", "--kubernetes-version", "v1.31.2", "--worker-machine-count", "3"],
            environment: ["SSH_TEMPLATE": "rack-servers", "HOME": FileManager.default.temporaryDirectory.path])
        #expect(result.status == 0, "\(result.output)")
        let objects = try YAMLDocuments.decode(result.output)
        #expect(objects.count == 2)
        #expect(objects[0][path: ["metadata", "namespace"]] == "fleet")
        #expect(objects[0][path: ["spec", "topology", "version"]] == "v1.31.2")
        #expect(objects[1][path: ["spec", "replicas"]] == 3)
        #expect(objects[1][path: ["spec", "template", "spec", "failureDomain"]] == "rack-1")
        #expect(objects[1][path: ["spec", "template", "spec", "infrastructureRef", "name"]] == "rack-servers")
    }

    @Test("missing variables are listed together and nothing is printed")
    func missing() throws {
        let path = try writeTemplate()
        let result = try runMothership(["generate", "cluster", "edge", "--from", path], environment: ["HOME": FileManager.default.temporaryDirectory.path])
        #expect(result.status != 0)
        #expect(result.output.contains("[KUBERNETES_VERSION, SSH_TEMPLATE]"))
        #expect(!result.output.contains("kind: Cluster"))
    }

    @Test("an unknown flavor names the template file it looked for")
    func unknownFlavor() throws {
        let result = try runMothership(["generate", "cluster", "edge", "--flavor", "nope", "--templates", "/nonexistent"], environment: [:])
        #expect(result.status != 0)
        #expect(result.output.contains("/nonexistent/cluster-template-nope.yaml"))
    }
}
