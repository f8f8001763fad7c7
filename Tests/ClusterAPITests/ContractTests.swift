import ClusterAPI
import Foundation
import KubeKit
import Testing

@Suite("CAPI contract helpers")
struct ContractTests {
    static func machineReference(
        _ name: String, apiVersion: String = "cluster.x-k8s.io/v1beta2", kind: String = "Machine", controller: Bool? = nil
    ) -> OwnerReference {
        OwnerReference(apiVersion: apiVersion, kind: kind, name: name, uid: "uid-\(name)", controller: controller)
    }

    @Test(
        "an object's Cluster is named by its cluster-name label",
        arguments: [
            (["cluster.x-k8s.io/cluster-name": "prod"], "prod"),
            (["app": "web"], nil),
            (["cluster.x-k8s.io/cluster-name": ""], nil),
            (nil, nil),
        ] as [([String: String]?, String?)])
    func clusterName(labels: [String: String]?, expected: String?) {
        let object = UnstructuredObject(apiVersion: "v1", kind: "Secret", metadata: ObjectMeta(name: "s", labels: labels))
        #expect(object.clusterName == expected)
    }

    @Test(
        "an object's Machine is its Machine owner reference, the controller one first, of any version",
        arguments: [
            ([machineReference("a"), machineReference("b", controller: true)], "b"),
            ([machineReference("old", apiVersion: "cluster.x-k8s.io/v1beta1")], "old"),
            ([machineReference("other", apiVersion: "example.com/v1"), machineReference("set", kind: "MachineSet")], nil),
            ([], nil),
        ] as [([OwnerReference], String?)])
    func ownerMachine(references: [OwnerReference], expected: String?) {
        let object = UnstructuredObject(
            apiVersion: "infrastructure.mothership.dev/v1beta1", kind: "SSHMachine",
            metadata: ObjectMeta(name: "m", ownerReferences: references))
        #expect(object.ownerMachineReference?.name == expected)
    }

    @Test(
        "an object is paused when its Cluster is paused or it carries the paused annotation",
        arguments: [
            (nil, nil, false),
            (false, ["other": "x"], false),
            (true, nil, true),
            (nil, ["cluster.x-k8s.io/paused": ""], true),
            (false, ["cluster.x-k8s.io/paused": "true"], true),
        ] as [(Bool?, [String: String]?, Bool)])
    func paused(clusterPaused: Bool?, annotations: [String: String]?, expected: Bool) {
        let cluster = Cluster(metadata: ObjectMeta(name: "c"), spec: Cluster.Spec(paused: clusterPaused))
        let object = UnstructuredObject(
            apiVersion: "bootstrap.mothership.dev/v1beta1", kind: "WorkerConfig",
            metadata: ObjectMeta(name: "w", annotations: annotations))
        #expect(object.isPaused(cluster: cluster) == expected)
    }

    @Test(
        "an int-or-string field keeps a number a number and a percentage a string",
        arguments: [("1", IntOrString.int(1)), ("\"25%\"", IntOrString.string("25%"))])
    func intOrString(json: String, expected: IntOrString) throws {
        let decoded = try JSONCoding.decoder.decode(IntOrString.self, from: Data(json.utf8))
        #expect(decoded == expected)
        #expect(String(decoding: try JSONCoding.encoder.encode(decoded), as: UTF8.self) == json)
    }
}
