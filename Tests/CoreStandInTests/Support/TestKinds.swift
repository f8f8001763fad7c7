import KubeKit

/// The contract label every test kind's CRD carries: its `v1alpha1` implements the v1beta2 contract.
let contractLabels = ["cluster.x-k8s.io/v1beta2": "v1alpha1"]

/// Labels and annotations of a template's objects.
struct TestTemplateMetadata: Codable, Sendable, Hashable {
    var labels: [String: String]?
    var annotations: [String: String]?
}

let templateMetadataSchema: OpenAPISchema = .object(["labels": .map(of: .string()), "annotations": .map(of: .string())])

/// An address as infrastructure machines report it.
struct TestAddress: Codable, Sendable, Hashable {
    var type: String
    var address: String
}

/// A test-only infrastructure machine (`infrastructure.standin.test`): its status is set by the
/// test, standing in for an infrastructure provider.
struct TestMachine: CustomResource, Hashable {
    static let resource = ResourceDescriptor(group: "infrastructure.standin.test", version: "v1alpha1", kind: "TestMachine", plural: "testmachines", namespaced: true)

    var metadata: ObjectMeta
    var spec: Spec
    var status: Status?

    struct Spec: Codable, Sendable, Hashable {
        var flavor: String?
        var providerID: String?
        var failureDomain: String?
    }

    struct Status: Codable, Sendable, Hashable {
        var initialization: Initialization?
        var addresses: [TestAddress]?
        var conditions: [Condition]?
    }

    struct Initialization: Codable, Sendable, Hashable {
        var provisioned: Bool?
    }

    static let specSchema: OpenAPISchema = .object([
        "flavor": .string(enum: ["small", "large"]), "providerID": .string(), "failureDomain": .string(),
    ])

    static let definition = CustomResourceDescription(
        description: "A test infrastructure machine.", spec: specSchema,
        status: .object([
            "initialization": .object(["provisioned": .boolean]),
            "addresses": .array(of: .object(["type": .string(), "address": .string()], required: ["type", "address"])),
            "conditions": .conditions,
        ]),
        labels: contractLabels)
}

/// The template of ``TestMachine``.
struct TestMachineTemplate: CustomResource, Hashable {
    static let resource = ResourceDescriptor(group: "infrastructure.standin.test", version: "v1alpha1", kind: "TestMachineTemplate", plural: "testmachinetemplates", namespaced: true)

    var metadata: ObjectMeta
    var spec: Spec

    struct Spec: Codable, Sendable, Hashable {
        var template: Template
    }

    struct Template: Codable, Sendable, Hashable {
        var metadata: TestTemplateMetadata?
        var spec: TestMachine.Spec
    }

    static let definition = CustomResourceDescription(
        description: "A test infrastructure machine template.",
        spec: .object(["template": .object(["metadata": templateMetadataSchema, "spec": TestMachine.specSchema], required: ["spec"])], required: ["template"]),
        labels: contractLabels)
}

/// A test-only bootstrap config (`bootstrap.standin.test`).
struct TestConfig: CustomResource, Hashable {
    static let resource = ResourceDescriptor(group: "bootstrap.standin.test", version: "v1alpha1", kind: "TestConfig", plural: "testconfigs", namespaced: true)

    var metadata: ObjectMeta
    var spec: Spec
    var status: Status?

    struct Spec: Codable, Sendable, Hashable {
        var role: String?
    }

    struct Status: Codable, Sendable, Hashable {
        var initialization: Initialization?
        var dataSecretName: String?
        var conditions: [Condition]?
    }

    struct Initialization: Codable, Sendable, Hashable {
        var dataSecretCreated: Bool?
    }

    static let specSchema: OpenAPISchema = .object(["role": .string()])

    static let definition = CustomResourceDescription(
        description: "A test bootstrap config.", spec: specSchema,
        status: .object([
            "initialization": .object(["dataSecretCreated": .boolean]), "dataSecretName": .string(), "conditions": .conditions,
        ]),
        labels: contractLabels)
}

/// The template of ``TestConfig``.
struct TestConfigTemplate: CustomResource, Hashable {
    static let resource = ResourceDescriptor(group: "bootstrap.standin.test", version: "v1alpha1", kind: "TestConfigTemplate", plural: "testconfigtemplates", namespaced: true)

    var metadata: ObjectMeta
    var spec: Spec

    struct Spec: Codable, Sendable, Hashable {
        var template: Template
    }

    struct Template: Codable, Sendable, Hashable {
        var metadata: TestTemplateMetadata?
        var spec: TestConfig.Spec
    }

    static let definition = CustomResourceDescription(
        description: "A test bootstrap config template.",
        spec: .object(["template": .object(["metadata": templateMetadataSchema, "spec": TestConfig.specSchema], required: ["spec"])], required: ["template"]),
        labels: contractLabels)
}

/// An API endpoint as providers report it.
struct TestEndpoint: Codable, Sendable, Hashable {
    var host: String
    var port: Int32
}

let endpointSchema: OpenAPISchema = .object(["host": .string(), "port": .integer()])

/// A test-only infrastructure cluster.
struct TestCluster: CustomResource, Hashable {
    static let resource = ResourceDescriptor(group: "infrastructure.standin.test", version: "v1alpha1", kind: "TestCluster", plural: "testclusters", namespaced: true)

    var metadata: ObjectMeta
    var spec: Spec
    var status: Status?

    struct Spec: Codable, Sendable, Hashable {
        var controlPlaneEndpoint: TestEndpoint?
    }

    struct Status: Codable, Sendable, Hashable {
        var initialization: Initialization?
        var failureDomains: [FailureDomainEntry]?
    }

    struct Initialization: Codable, Sendable, Hashable {
        var provisioned: Bool?
    }

    struct FailureDomainEntry: Codable, Sendable, Hashable {
        var name: String
        var controlPlane: Bool?
    }

    static let definition = CustomResourceDescription(
        description: "A test infrastructure cluster.", spec: .object(["controlPlaneEndpoint": endpointSchema]),
        status: .object([
            "initialization": .object(["provisioned": .boolean]),
            "failureDomains": .array(of: .object(["name": .string(), "controlPlane": .boolean], required: ["name"])),
        ]),
        labels: contractLabels)
}

/// A test-only control plane (`controlplane.standin.test`).
struct TestControlPlane: CustomResource, Hashable {
    static let resource = ResourceDescriptor(group: "controlplane.standin.test", version: "v1alpha1", kind: "TestControlPlane", plural: "testcontrolplanes", namespaced: true)

    var metadata: ObjectMeta
    var spec: Spec
    var status: Status?

    struct Spec: Codable, Sendable, Hashable {
        var controlPlaneEndpoint: TestEndpoint?
    }

    struct Status: Codable, Sendable, Hashable {
        var initialization: Initialization?
        var conditions: [Condition]?
    }

    struct Initialization: Codable, Sendable, Hashable {
        var controlPlaneInitialized: Bool?
    }

    static let definition = CustomResourceDescription(
        description: "A test control plane.", spec: .object(["controlPlaneEndpoint": endpointSchema]),
        status: .object(["initialization": .object(["controlPlaneInitialized": .boolean]), "conditions": .conditions]),
        labels: contractLabels)
}
