import Foundation
import KubeKit

extension PodWorker {
    /// Probes a running container until it ends: the startup probe until it succeeds (the
    /// container is killed when it fails `failureThreshold` times), then readiness (which sets
    /// `ready`) and liveness (whose failure kills the container, to be restarted per policy).
    /// Without a readiness probe a started container is ready.
    func probe(_ container: Container, isInit: Bool, index: Int, process: ContainerProcess) async {
        guard !isInit else { return }
        let probes = [container.startupProbe, container.readinessProbe, container.livenessProbe].compactMap { $0 }
        let environment = probes.contains { $0.exec != nil } ? await environment(of: container) : [:]
        let runner = ProbeRunner(httpClient: context.httpClient, podIP: podIP, container: container, pid: process.pid, environment: environment)
        if let startup = container.startupProbe {
            let outcome = await Self.loop(startup, runner: runner, until: { $0 }, onChange: { _ in })
            guard outcome == true else {
                if outcome == false { await kill(process, container: container, because: "startup probe failed") }
                return
            }
        }
        update(isInit: false, index: index) { record in
            record.started = true
            if container.readinessProbe == nil { record.ready = true }
        }
        await withTaskGroup(of: Void.self) { group in
            if let readiness = container.readinessProbe {
                group.addTask {
                    _ = await Self.loop(readiness, runner: runner, until: { _ in false }) { ready in
                        await self.setReady(ready, index: index)
                    }
                }
            }
            if let liveness = container.livenessProbe {
                group.addTask {
                    let outcome = await Self.loop(liveness, runner: runner, until: { !$0 }, onChange: { _ in })
                    if outcome == false { await self.kill(process, container: container, because: "liveness probe failed") }
                }
            }
        }
    }

    private func setReady(_ ready: Bool, index: Int) {
        update(isInit: false, index: index) { $0.ready = ready && $0.isRunning }
    }

    private func kill(_ process: ContainerProcess, container: Container, because reason: String) async {
        logger.info("killing container", metadata: ["container": "\(container.name)", "reason": "\(reason)"])
        await context.events.record(.warning, reason: "Unhealthy", action: "Kill", note: "container \(container.name): \(reason)", regarding: pod)
        let grace = Duration.seconds(pod.spec?.terminationGracePeriodSeconds ?? 30)
        _ = await process.stop(gracePeriod: grace)
    }

    /// Runs `probe` every `periodSeconds` after `initialDelaySeconds`. A result turns true after
    /// `successThreshold` consecutive successes and false after `failureThreshold` consecutive
    /// failures; each change is passed to `onChange`, and the loop ends with the result when
    /// `until` holds for it. Nil when cancelled.
    static func loop(
        _ probe: Probe, runner: ProbeRunner, until: (Bool) -> Bool, onChange: (Bool) async -> Void
    ) async -> Bool? {
        let period = Duration.seconds(Int64(max(probe.periodSeconds ?? 10, 1)))
        let successThreshold = Int(max(probe.successThreshold ?? 1, 1))
        let failureThreshold = Int(max(probe.failureThreshold ?? 3, 1))
        guard (try? await Task.sleep(for: .seconds(Int64(probe.initialDelaySeconds ?? 0)))) != nil else { return nil }
        var current: Bool?
        var successes = 0
        var failures = 0
        while !Task.isCancelled {
            if await runner.check(probe) == .success {
                successes += 1
                failures = 0
            } else {
                failures += 1
                successes = 0
            }
            var next = current
            if successes >= successThreshold { next = true }
            if failures >= failureThreshold { next = false }
            if let next, next != current {
                current = next
                if Task.isCancelled { return nil }
                await onChange(next)
                if until(next) { return next }
            }
            guard (try? await Task.sleep(for: period)) != nil else { return nil }
        }
        return nil
    }
}
