import Foundation
import KubeKit

extension PodWorker {
    /// Keeps one container running per the pod's `restartPolicy`: starts it, waits for it to
    /// end, and restarts it after a back-off that doubles from `initialRestartBackoff` to
    /// `maximumRestartBackoff` (reset after 10 minutes of running), as the kubelet does.
    func supervise(_ container: Container) async {
        guard let index = containers.firstIndex(where: { $0.name == container.name }) else { return }
        var backoff = context.options.initialRestartBackoff
        while true {
            guard let exit = await runOnce(container, isInit: false, index: index) else { return }
            let restart = restartPolicy == "Always" || (restartPolicy == "OnFailure" && exit.code != 0)
            guard restart, !terminating else { return }
            if case .terminated(_, _, _, let startedAt, let finishedAt) = containers[index].state,
                finishedAt.timeIntervalSince(startedAt) > 600
            {
                backoff = context.options.initialRestartBackoff
            }
            guard await backOff(container.name, isInit: false, index: index, delay: backoff) else { return }
            backoff = min(backoff * 2, context.options.maximumRestartBackoff)
        }
    }

    /// Waits `delay` before a restart, reporting `CrashLoopBackOff`; false when the pod is
    /// being terminated instead.
    func backOff(_ name: String, isInit: Bool, index: Int, delay: Duration) async -> Bool {
        update(isInit: isInit, index: index) { record in
            record.lastState = record.state
            record.state = .waiting(
                reason: "CrashLoopBackOff", message: "back-off \(Int(delay.seconds))s restarting failed container=\(name) pod=\(self.pod.metadata.name ?? "")")
            record.restartCount += 1
        }
        guard (try? await Task.sleep(for: delay)) != nil, !terminating else { return false }
        return true
    }

    /// Starts the container once and waits for it to end; nil when the pod is terminated before
    /// or while it runs. A container that cannot be started (unresolvable image, missing Secret)
    /// waits with the reason in its status and is retried.
    func runOnce(_ container: Container, isInit: Bool, index: Int) async -> ContainerProcess.Exit? {
        var retry = Duration.seconds(1)
        var process: ContainerProcess?
        while process == nil {
            if terminating || Task.isCancelled { return nil }
            do {
                process = try await launch(container, isInit: isInit, index: index)
            } catch {
                if terminating { return nil }
                let failure = error as? DevRuntimeError ?? DevRuntimeError(.start, "\(error)")
                update(isInit: isInit, index: index) { $0.state = .waiting(reason: failure.reason.rawValue, message: failure.message) }
                await context.events.record(.warning, reason: "Failed", action: "Start", note: "container \(container.name): \(failure)", regarding: pod)
                guard (try? await Task.sleep(for: retry)) != nil else { return nil }
                retry = min(retry * 2, context.options.maximumRestartBackoff)
            }
        }
        guard let process else { return nil }
        let probes = Task { await self.probe(container, isInit: isInit, index: index, process: process) }
        let exit = await process.waitForExit()
        probes.cancel()
        update(isInit: isInit, index: index) { record in
            record.state = .terminated(
                exitCode: exit.code, signal: exit.signal, reason: exit.code == 0 ? "Completed" : "Error",
                startedAt: process.startedAt, finishedAt: Date())
            record.process = nil
            record.ready = false
        }
        return exit
    }

    private func launch(_ container: Container, isInit: Bool, index: Int) async throws -> ContainerProcess {
        let image = container.image ?? ""
        guard let executable = context.options.images.executable(for: image) else {
            throw DevRuntimeError(.imageNotResolvable, "image \"\(image)\" is not mapped to a local executable")
        }
        let environment = try await ContainerEnvironment(
            client: context.client, pod: pod, podIP: podIP, hostIP: context.network.gatewayAddress
        ).variables(for: container)
        // No suspension between this check and recording the process: a termination that
        // started meanwhile sees either no process or this one.
        if terminating { throw CancellationError() }
        let launch = ContainerLaunch(
            podDirectory: podDirectory, networkNamespace: sandbox.flatMap { $0.namespacePath.isEmpty ? nil : $0.namespacePath },
            volumePaths: volumePaths, hostsFile: context.hostsFile)
        let process = try launch.start(container: container, podName: pod.metadata.name ?? "", executable: executable, environment: environment)
        update(isInit: isInit, index: index) { record in
            record.process = process
            record.state = .running(startedAt: process.startedAt)
            record.started = false
            record.ready = false
        }
        logger.info("container started", metadata: ["container": "\(container.name)", "pid": "\(process.pid)"])
        return process
    }

    /// Changes one container's record and schedules a status write.
    func update(isInit: Bool, index: Int, _ change: (inout ContainerRecord) -> Void) {
        if isInit { change(&initContainers[index]) } else { change(&containers[index]) }
        publishStatus()
    }

    /// The environment a running container got, for exec probes.
    func environment(of container: Container) async -> [String: String] {
        (try? await ContainerEnvironment(
            client: context.client, pod: pod, podIP: podIP, hostIP: context.network.gatewayAddress
        ).variables(for: container)) ?? [:]
    }
}
