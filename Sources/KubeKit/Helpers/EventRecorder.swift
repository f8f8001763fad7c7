import Foundation
import Logging

/// Records Events about objects, deduplicated: the first occurrence creates an Event, the second
/// turns it into a series, and later ones only raise the series' count, written out every
/// `refreshInterval` (``run()``) — so a reconcile failing every few seconds costs one Event, not
/// thousands. An occurrence after `seriesWindow` of quiet starts a new Event.
///
/// Recording never fails the caller: Events are advice, and a failed write is logged. Notes are
/// shown to anyone who can read Events: never put a secret in one.
public actor EventRecorder {
    /// How often pending series counts are written. Default 30 s.
    public let refreshInterval: Duration
    /// How long a series stays open without a new occurrence. Default 6 minutes, as client-go.
    public let seriesWindow: Duration

    private let client: KubeClient
    private let reportingController: String
    private let reportingInstance: String
    private let logger: Logger
    private var series: [Key: OpenSeries] = [:]

    private struct Key: Hashable {
        var regarding: ObjectReference
        var type: Event.EventType
        var reason: String
        var action: String
        var note: String
    }

    private struct OpenSeries {
        var name: String
        var namespace: String
        var count: Int32
        var written: Int32
        var lastObserved: Date
    }

    /// `reportingController` names the controller (e.g. `mothership.dev/workerconfig`),
    /// `reportingInstance` this replica of it (e.g. the pod name).
    public init(
        client: KubeClient, reportingController: String, reportingInstance: String, refreshInterval: Duration = .seconds(30),
        seriesWindow: Duration = .seconds(360), logger: Logger = Logger(label: "kubekit.events")
    ) {
        self.client = client
        self.reportingController = reportingController
        self.reportingInstance = reportingInstance
        self.refreshInterval = refreshInterval
        self.seriesWindow = seriesWindow
        self.logger = logger
    }

    /// Records that `action` happened to `object` for `reason`, with details in `note`
    /// (truncated to the API's 1 KiB).
    public func record<Object: KubeResource>(_ type: Event.EventType, reason: String, action: String, note: String, regarding object: Object) async {
        let key = Key(regarding: ObjectReference(to: object), type: type, reason: reason, action: action, note: Self.truncated(note))
        let now = Date()
        if var open = series[key], now.timeIntervalSince(open.lastObserved) < seriesWindow.seconds {
            open.count += 1
            open.lastObserved = now
            series[key] = open
            if open.count == 2 { await write(key) }
            return
        }
        let namespace = object.metadata.namespace ?? "default"
        let name = "\(object.metadata.name ?? "object").\(String(UInt64(now.timeIntervalSince1970 * 1e9), radix: 16))"
        series[key] = OpenSeries(name: name, namespace: namespace, count: 1, written: 1, lastObserved: now)
        let event = Event(
            metadata: ObjectMeta(name: name, namespace: namespace), eventTime: MicroTime(now), reportingController: reportingController,
            reportingInstance: reportingInstance, action: action, reason: reason, regarding: key.regarding, note: key.note, type: type)
        do {
            _ = try await client.create(event)
        } catch {
            series[key] = nil
            log(error, reason: reason, regarding: key.regarding)
        }
    }

    /// Writes every series count not yet written and forgets series that have gone quiet.
    public func flush() async {
        let pending = series.filter { $0.value.count > $0.value.written }.map(\.key)
        for key in pending { await write(key) }
        let now = Date()
        series = series.filter { now.timeIntervalSince($0.value.lastObserved) < seriesWindow.seconds }
    }

    /// Flushes every `refreshInterval` until the calling task is cancelled, then once more.
    public func run() async {
        while (try? await Task.sleep(for: refreshInterval)) != nil {
            await flush()
        }
        await flush()
    }

    private func write(_ key: Key) async {
        guard let open = series[key] else { return }
        let patch: JSONValue = ["series": ["count": .int(Int64(open.count)), "lastObservedTime": .string(RFC3339.formatMicroseconds(open.lastObserved))]]
        do {
            _ = try await client.patch(Event.self, name: open.name, namespace: open.namespace, patch: .merge(patch))
            if var current = series[key] {
                current.written = max(current.written, open.count)
                series[key] = current
            }
        } catch let error as KubeError where error.code == .notFound {
            series[key] = nil
        } catch {
            log(error, reason: key.reason, regarding: key.regarding)
        }
    }

    private func log(_ error: any Error, reason: String, regarding: ObjectReference) {
        logger.warning(
            "cannot record event",
            metadata: ["reason": "\(reason)", "object": "\(regarding.namespace.map { "\($0)/" } ?? "")\(regarding.name ?? "")", "error": "\(error)"])
    }

    private static func truncated(_ note: String) -> String {
        guard note.utf8.count > 1024 else { return note }
        var result = ""
        for character in note {
            if result.utf8.count + character.utf8.count > 1021 { break }
            result.append(character)
        }
        return result + "..."
    }
}
