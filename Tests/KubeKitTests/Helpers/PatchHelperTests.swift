import Foundation
import KubeKit
import KubeKitTesting
import Testing

@Suite("patch helper on the real API server")
struct PatchHelperTests {
    @Test("an unchanged object is not written at all, even when conditions are set again to what they were")
    func unchangedSendsNothing() async throws {
        let server = try await widgetServer()
        try await server.withNamespace { namespace, client in
            var widget = try await client.create(Widget("quiet", in: namespace))
            widget.status = Widget.Status(reconciles: 1, conditions: [Condition(type: "Ready", status: .true, reason: "Ready")])
            widget = try await client.updateStatus(widget)

            // A client with no rights at all: any request it sent would fail as forbidden.
            let nobody = try server.client(user: "nobody")
            let helper = try PatchHelper(client: nobody, snapshotOf: widget)
            var unchanged = widget
            unchanged.status?.conditions?.set(Condition(type: "Ready", status: .true, reason: "Ready", lastTransitionTime: Date().addingTimeInterval(60)))
            #expect(try await helper.patch(unchanged) == unchanged)

            var changed = widget
            changed.spec.size = 7
            let error = await #expect(throws: KubeError.self) { try await helper.patch(changed) }
            #expect(error?.code == .forbidden)
        }
    }

    @Test("metadata, spec and status are written; a condition another writer set meanwhile survives")
    func concurrentConditionKept() async throws {
        try await widgetServer().withNamespace { namespace, client in
            var widget = try await client.create(Widget("busy", in: namespace))
            widget.status = Widget.Status(conditions: [Condition(type: "Stale", status: .false, reason: "Old")])
            widget = try await client.updateStatus(widget)
            let helper = try PatchHelper(client: client, snapshotOf: widget)

            // Another controller writes its own condition after our snapshot.
            var theirs = widget
            theirs.status?.conditions?.set(Condition(type: "External", status: .true, reason: "Observed"))
            _ = try await client.updateStatus(theirs)

            var ours = widget
            ours.spec.size = 3
            ours.metadata.labels = ["tier": "gold"]
            ours.metadata.addFinalizer("test.mothership.dev/cleanup")
            ours.status?.reconciles = 1
            ours.status?.conditions?.remove(type: "Stale")
            ours.status?.conditions?.set(Condition(type: "Ready", status: .true, reason: "Ready", observedGeneration: 1))
            let written = try await helper.patch(ours)

            let stored = try await client.get(Widget.self, name: "busy", namespace: namespace)
            #expect(stored == written)
            #expect(stored.spec.size == 3 && stored.metadata.labels == ["tier": "gold"])
            #expect(stored.metadata.finalizers == ["test.mothership.dev/cleanup"])
            #expect(stored.status?.reconciles == 1)
            #expect(stored.status?.conditions?.map(\.type).sorted() == ["External", "Ready"])
            #expect(stored.status?.conditions?[type: "Ready"]?.observedGeneration == 1)

            var cleanup = stored
            cleanup.metadata.removeFinalizer("test.mothership.dev/cleanup")
            try await PatchHelper(client: client, snapshotOf: stored).patch(cleanup)
        }
    }
}

@Suite("owned objects on the real API server")
struct OwnedObjectApplierTests {
    @Test("owned objects are applied with a controller reference; fields users add survive re-applies")
    func applyOwned() async throws {
        try await widgetServer().withNamespace { namespace, client in
            let owner = try await client.create(Widget("owner", in: namespace))
            let applier = OwnedObjectApplier(client: client, fieldManager: "mothership-test")
            let desired = ConfigMap(metadata: ObjectMeta(name: "generated", namespace: namespace), data: ["config": "v1"])
            let first = try await applier.apply(desired, ownedBy: owner)
            #expect(first.metadata.controllerReference?.uid == owner.metadata.uid)
            #expect(first.metadata.controllerReference?.kind == "Widget")

            // A user labels the object and edits a field the controller owns.
            _ = try await client.patch(
                ConfigMap.self, name: "generated", namespace: namespace,
                patch: .merge(["metadata": ["labels": ["team": "blue"]], "data": ["config": "hand-edited"]]))

            var second = desired
            second.data = ["config": "v2"]
            let reapplied = try await applier.apply(second, ownedBy: owner)
            #expect(reapplied.data == ["config": "v2"])
            #expect(reapplied.metadata.labels == ["team": "blue"])
            #expect(reapplied.metadata.ownerReferences?.count == 1)
        }
    }
}
