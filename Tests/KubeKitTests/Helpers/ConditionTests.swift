import Foundation
@testable import KubeKit
import Testing

@Suite("conditions")
struct ConditionTests {
    let earlier = Date(timeIntervalSince1970: 1_790_000_000)
    let later = Date(timeIntervalSince1970: 1_790_000_600)

    @Test("setting a condition keeps its lastTransitionTime unless the status flips")
    func transitionTime() {
        var conditions: [Condition] = []
        conditions.set(Condition(type: "InfrastructureReady", status: .false, reason: "Provisioning", lastTransitionTime: earlier))
        conditions.set(Condition(type: "InfrastructureReady", status: .false, reason: "Cloning", message: "cloning template", lastTransitionTime: later))
        #expect(conditions[type: "InfrastructureReady"]?.lastTransitionTime == earlier)
        #expect(conditions[type: "InfrastructureReady"]?.reason == "Cloning")
        conditions.set(Condition(type: "InfrastructureReady", status: .true, reason: "Provisioned", lastTransitionTime: later))
        #expect(conditions[type: "InfrastructureReady"]?.lastTransitionTime == later)
    }

    @Test("Ready summarises: false wins over unknown, unknown over true; missing counts as unknown; Ready sorts first")
    func readySummary() throws {
        var conditions: [Condition] = [
            Condition(type: "BootstrapReady", status: .true, reason: "Ready", lastTransitionTime: earlier),
            Condition(type: "InfrastructureReady", status: .unknown, reason: "Cloning", message: "cloning template", lastTransitionTime: earlier),
        ]
        conditions.setReadySummary(of: ["BootstrapReady", "InfrastructureReady"], observedGeneration: 4, now: later)
        #expect(conditions.first?.type == "Ready")
        let unknown = try #require(conditions[type: "Ready"])
        #expect(unknown.status == .unknown && unknown.reason == "Cloning")
        #expect(unknown.message == "InfrastructureReady: cloning template" && unknown.observedGeneration == 4)

        conditions.set(Condition(type: "BootstrapReady", status: .false, reason: "SecretMissing", lastTransitionTime: later))
        conditions.setReadySummary(of: ["BootstrapReady", "InfrastructureReady"], observedGeneration: 4, now: later)
        #expect(conditions[type: "Ready"]?.status == .false)
        #expect(conditions[type: "Ready"]?.message == "BootstrapReady: SecretMissing")

        conditions.setReadySummary(of: ["NodeHealthy"], observedGeneration: 4, now: later)
        #expect(conditions[type: "Ready"]?.status == .unknown && conditions[type: "Ready"]?.reason == "NotYetReported")

        conditions.set(Condition(type: "BootstrapReady", status: .true, reason: "Ready", lastTransitionTime: later))
        conditions.set(Condition(type: "InfrastructureReady", status: .true, reason: "Ready", lastTransitionTime: later))
        conditions.setReadySummary(of: ["BootstrapReady", "InfrastructureReady"], observedGeneration: 5, now: later)
        #expect(conditions[type: "Ready"]?.status == .true && conditions[type: "Ready"]?.observedGeneration == 5)
    }

    @Test("condition changes replay onto a list another writer changed, keeping its conditions")
    func replay() {
        let a: JSONValue = ["type": "A", "status": "True"]
        let b: JSONValue = ["type": "B", "status": "False"]
        let bFlipped: JSONValue = ["type": "B", "status": "True"]
        let c: JSONValue = ["type": "C", "status": "True"]
        let theirs: JSONValue = ["type": "Theirs", "status": "True"]
        let changes = ConditionChanges(from: [a, b], to: [bFlipped, c])
        #expect(changes.updated == [bFlipped, c] && changes.removed == ["A"])
        #expect(changes.applied(to: [a, theirs, b]) == [theirs, bFlipped, c])
        #expect(ConditionChanges(from: [a, b], to: [b, a]).isEmpty)
    }
}

@Suite("finalizers and owner references")
struct OwnershipTests {
    @Test("finalizers are added once and removed; deletion shows in isBeingDeleted")
    func finalizers() {
        var metadata = ObjectMeta(name: "w", namespace: "n")
        let added = [metadata.addFinalizer("mothership.dev/cleanup"), metadata.addFinalizer("mothership.dev/cleanup")]
        #expect(added == [true, false])
        #expect(metadata.finalizers == ["mothership.dev/cleanup"])
        #expect(!metadata.isBeingDeleted)
        let removed = [metadata.removeFinalizer("mothership.dev/cleanup"), metadata.removeFinalizer("mothership.dev/cleanup")]
        #expect(removed == [true, false])
        #expect(metadata.finalizers == [])
        metadata.deletionTimestamp = Date()
        #expect(metadata.isBeingDeleted)
    }

    @Test("an object takes one controller; setting the same one again changes nothing")
    func controllerReference() throws {
        var owner = ConfigMap(metadata: ObjectMeta(name: "owner", namespace: "n"))
        owner.metadata.uid = "uid-1"
        var other = ConfigMap(metadata: ObjectMeta(name: "other", namespace: "n"))
        other.metadata.uid = "uid-2"
        var metadata = ObjectMeta(name: "owned", namespace: "n")
        try metadata.setControllerReference(to: owner)
        try metadata.setControllerReference(to: owner)
        #expect(metadata.ownerReferences?.count == 1)
        #expect(metadata.controllerReference?.refers(to: ConfigMap.resource) == true)
        #expect(throws: OwnershipError.alreadyControlled(object: "n/owned", controller: "ConfigMap owner")) {
            try metadata.setControllerReference(to: other)
        }
    }
}

@Suite("merge patches")
struct MergePatchTests {
    @Test(
        "a diff is the RFC 7386 patch from one document to the other",
        arguments: [
            (["a": 1, "b": ["c": 2, "d": 3]], ["a": 1, "b": ["c": 2, "d": 4]], ["b": ["d": 4]]),
            (["a": 1, "b": 2], ["a": 1], ["b": .null]),
            (["list": [1, 2]], ["list": [1, 2, 3]], ["list": [1, 2, 3]]),
            (["a": ["b": 1]], ["a": "flat"], ["a": "flat"]),
            ([:], ["new": ["x": true]], ["new": ["x": true]]),
        ] as [(JSONValue, JSONValue, JSONValue)])
    func diff(original: JSONValue, modified: JSONValue, patch: JSONValue) {
        #expect(MergePatch.diff(from: original, to: modified) == patch)
    }

    @Test("equal documents need no patch")
    func equal() {
        #expect(MergePatch.diff(from: ["a": ["b": [1, 2]]], to: ["a": ["b": [1, 2]]]) == nil)
    }
}
