import Foundation
import KubeKit
import KubeKitTesting
import Testing

@Suite("events on the real API server")
struct EventRecorderTests {
    @Test("a recurring event becomes one Event with a series count; a different note is a new Event")
    func deduplicated() async throws {
        try await widgetServer().withNamespace { namespace, client in
            let widget = try await client.create(Widget("flaky", in: namespace))
            let recorder = EventRecorder(client: client, reportingController: "mothership.dev/test", reportingInstance: "test-0")
            for _ in 0..<5 {
                await recorder.record(.warning, reason: "CloneFailed", action: "Provision", note: "template not found", regarding: widget)
            }
            var events = try await client.list(Event.self, namespace: namespace).items
            #expect(events.count == 1)
            #expect(events.first?.series?.count == 2)

            await recorder.flush()
            events = try await client.list(Event.self, namespace: namespace).items
            let event = try #require(events.first)
            #expect(events.count == 1 && event.series?.count == 5)
            #expect(event.regarding.uid == widget.metadata.uid && event.regarding.kind == "Widget")
            #expect(event.type == .warning && event.reason == "CloneFailed" && event.note == "template not found")
            #expect(event.reportingController == "mothership.dev/test" && event.reportingInstance == "test-0")

            await recorder.record(.normal, reason: "Provisioned", action: "Provision", note: String(repeating: "é", count: 2000), regarding: widget)
            events = try await client.list(Event.self, namespace: namespace).items
            #expect(events.count == 2)
            let long = try #require(events.first { $0.reason == "Provisioned" })
            #expect(long.note.map { $0.utf8.count <= 1024 && $0.hasSuffix("...") } == true)
        }
    }
}
