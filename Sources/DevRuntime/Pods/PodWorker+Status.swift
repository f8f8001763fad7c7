import Foundation
import KubeKit

extension PodWorker {
    /// Schedules a write of the Pod's status; writes are coalesced, the latest state wins.
    func publishStatus() {
        statusDirty = true
        guard statusWriter == nil else { return }
        statusWriter = Task { await self.writeStatus() }
    }

    private func writeStatus() async {
        while statusDirty {
            statusDirty = false
            guard let name = pod.metadata.name else { break }
            do {
                _ = try await context.client.patch(
                    Pod.self, name: name, namespace: pod.metadata.namespace, patch: .merge(["status": status()]),
                    subresource: "status")
            } catch let error as KubeError where error.code == .notFound {
                break
            } catch {
                logger.warning("cannot write pod status", metadata: ["error": "\(error)"])
                statusDirty = true
                try? await Task.sleep(for: .seconds(1))
            }
        }
        statusWriter = nil
    }

    /// The Pod's status as the kubelet reports it.
    func status() -> JSONValue {
        let initialized = initContainers.allSatisfy(\.succeeded)
        let notReady = containers.filter { !$0.ready }.map(\.name)
        var status: [String: JSONValue] = [
            "phase": .string(phase()),
            "hostIP": .string(context.network.gatewayAddress),
            "hostIPs": [["ip": .string(context.network.gatewayAddress)]],
            "conditions": .array([
                condition("PodScheduled", true, reason: nil, message: nil),
                condition(
                    "Initialized", initialized, reason: "ContainersNotInitialized",
                    message: "containers with incomplete status: [\(initContainers.filter { !$0.succeeded }.map(\.name).joined(separator: " "))]"),
                condition(
                    "ContainersReady", notReady.isEmpty, reason: "ContainersNotReady",
                    message: "containers with unready status: [\(notReady.joined(separator: " "))]"),
                condition(
                    "Ready", notReady.isEmpty, reason: "ContainersNotReady",
                    message: "containers with unready status: [\(notReady.joined(separator: " "))]"),
            ]),
            "containerStatuses": .array(containers.map(Self.containerStatus)),
        ]
        if !initContainers.isEmpty { status["initContainerStatuses"] = .array(initContainers.map(Self.containerStatus)) }
        if let startTime { status["startTime"] = .string(RFC3339.format(startTime)) }
        if !podIP.isEmpty {
            status["podIP"] = .string(podIP)
            status["podIPs"] = [["ip": .string(podIP)]]
        }
        if let setupFailure {
            status["reason"] = .string(setupFailure.reason.rawValue)
            status["message"] = .string(setupFailure.message)
        } else {
            status["reason"] = .null
            status["message"] = .null
        }
        return .object(status)
    }

    /// Pending until every container has started once; Running while one runs or will be
    /// restarted; Succeeded or Failed once all have ended for good.
    func phase() -> String {
        if initializationFailed { return "Failed" }
        if setupFailure != nil || !initContainers.allSatisfy(\.succeeded) { return "Pending" }
        let neverStarted = containers.contains { record in
            if case .waiting = record.state { return record.lastState == nil }
            return false
        }
        if neverStarted { return "Pending" }
        if containers.contains(where: \.isRunning) { return "Running" }
        if containers.contains(where: { if case .waiting = $0.state { return true } else { return false } }) { return "Running" }
        if containers.allSatisfy(\.succeeded) { return "Succeeded" }
        return restartPolicy == "Never" || terminating ? "Failed" : "Running"
    }

    private func condition(_ type: String, _ status: Bool, reason: String?, message: String?) -> JSONValue {
        let now = Date()
        var time = now
        if let previous = conditionTransitions[type], previous.status == status {
            time = previous.time
        } else {
            conditionTransitions[type] = (status, now)
        }
        var fields: [String: JSONValue] = [
            "type": .string(type), "status": .string(status ? "True" : "False"),
            "lastTransitionTime": .string(RFC3339.format(time)), "lastProbeTime": .null,
        ]
        if !status, let reason { fields["reason"] = .string(reason) }
        if !status, let message { fields["message"] = .string(message) }
        return .object(fields)
    }

    private static func containerStatus(_ record: ContainerRecord) -> JSONValue {
        var fields: [String: JSONValue] = [
            "name": .string(record.name), "image": .string(record.image), "imageID": .string(""),
            "ready": .bool(record.ready), "started": .bool(record.started && record.isRunning),
            "restartCount": .int(Int64(record.restartCount)), "state": state(record.state),
            "lastState": record.lastState.map(state) ?? .object([:]),
        ]
        if let process = record.process { fields["containerID"] = .string("devruntime://\(process.pid)") }
        return .object(fields)
    }

    private static func state(_ state: ContainerRecord.State) -> JSONValue {
        switch state {
        case .waiting(let reason, let message):
            var waiting: [String: JSONValue] = ["reason": .string(reason)]
            if let message { waiting["message"] = .string(message) }
            return ["waiting": .object(waiting)]
        case .running(let startedAt):
            return ["running": ["startedAt": .string(RFC3339.format(startedAt))]]
        case .terminated(let exitCode, let signal, let reason, let startedAt, let finishedAt):
            var terminated: [String: JSONValue] = [
                "exitCode": .int(Int64(exitCode)), "reason": .string(reason),
                "startedAt": .string(RFC3339.format(startedAt)), "finishedAt": .string(RFC3339.format(finishedAt)),
            ]
            if let signal { terminated["signal"] = .int(Int64(signal)) }
            return ["terminated": .object(terminated)]
        }
    }
}
