import Foundation
import KubeKit
import Logging

/// Runs one Pod for its whole life, as the kubelet's pod worker does: sets up its sandbox
/// (network namespace, volumes), runs its init containers in order and then its containers,
/// restarting them per `restartPolicy` with back-off, probes them, writes the Pod's status, and
/// on deletion stops everything (SIGTERM, grace period, SIGKILL), removes what it set up and
/// deletes the Pod object.
actor PodWorker {
    let context: RuntimeContext
    let uid: String
    private(set) var pod: Pod
    var logger: Logger

    var sandbox: PodNetwork.Sandbox?
    var volumePaths: [String: String] = [:]
    var initContainers: [ContainerRecord] = []
    var containers: [ContainerRecord] = []
    /// A failure setting up the pod (sandbox, volumes) reported in its status until it clears.
    var setupFailure: DevRuntimeError?
    var initializationFailed = false
    var startTime: Date?
    var conditionTransitions: [String: (status: Bool, time: Date)] = [:]
    var terminating = false
    var statusDirty = false
    var statusWriter: Task<Void, Never>?
    private var lifecycle: Task<Void, Never>?

    init(pod: Pod, context: RuntimeContext) {
        self.pod = pod
        self.uid = pod.metadata.uid ?? ""
        self.context = context
        var logger = context.logger
        logger[metadataKey: "pod"] = "\(pod.metadata.key)"
        self.logger = logger
        initContainers = (pod.spec?.initContainers ?? []).map { ContainerRecord(name: $0.name, image: $0.image ?? "") }
        containers = (pod.spec?.containers ?? []).map { ContainerRecord(name: $0.name, image: $0.image ?? "") }
    }

    var podDirectory: String { context.podDirectory(uid: uid) }
    var restartPolicy: String { pod.spec?.restartPolicy ?? "Always" }
    var podIP: String { sandbox?.address ?? "" }

    /// Starts running the pod.
    func start() {
        guard lifecycle == nil else { return }
        lifecycle = Task { await self.runPod() }
    }

    /// Takes a newer version of the Pod object (labels, annotations, deletion timestamp).
    func update(_ pod: Pod) {
        guard pod.metadata.uid == uid else { return }
        self.pod = pod
    }

    private func runPod() async {
        startTime = Date()
        publishStatus()
        var delay = Duration.seconds(1)
        while !terminating {
            do {
                try await prepare()
                setupFailure = nil
                break
            } catch {
                let failure = error as? DevRuntimeError ?? DevRuntimeError(.sandbox, "\(error)")
                setupFailure = failure
                logger.warning("cannot set up pod", metadata: ["error": "\(failure)"])
                await context.events.record(.warning, reason: failure.reason.rawValue, action: "SetUp", note: failure.message, regarding: pod)
                publishStatus()
                if failure.reason == .volume, pod.spec?.volumes?.contains(where: { $0.persistentVolumeClaim != nil }) == true {
                    return
                }
                guard (try? await Task.sleep(for: delay)) != nil else { return }
                delay = min(delay * 2, .seconds(60))
            }
        }
        publishStatus()
        guard await runInitContainers() else {
            publishStatus()
            return
        }
        publishStatus()
        await withTaskGroup(of: Void.self) { group in
            for container in pod.spec?.containers ?? [] {
                group.addTask { await self.supervise(container) }
            }
        }
        if !terminating {
            // Every container has finished for good (restartPolicy Never or OnFailure): the
            // sandbox goes; the Pod object stays with its final status until deleted.
            await removeSandbox(keepDirectory: true)
        }
        publishStatus()
    }

    /// Creates the network namespace and the volumes.
    private func prepare() async throws {
        try FileManager.default.createDirectory(
            atPath: podDirectory, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        if sandbox == nil {
            if pod.spec?.hostNetwork == true {
                sandbox = PodNetwork.Sandbox(namespacePath: "", hostInterface: "", address: context.network.gatewayAddress)
            } else {
                sandbox = try await context.network.createSandbox(
                    podUID: uid, namespacePath: "\(podDirectory)/netns", preferredAddress: pod.status?.podIP)
            }
        }
        volumePaths = try await PodVolumes(
            client: context.client, pod: pod, podIP: podIP, hostIP: context.network.gatewayAddress,
            directory: "\(podDirectory)/volumes"
        ).materialise()
    }

    /// Runs the init containers one after the other; false when one failed for good or the pod
    /// is being terminated.
    private func runInitContainers() async -> Bool {
        for (index, container) in (pod.spec?.initContainers ?? []).enumerated() {
            var backoff = context.options.initialRestartBackoff
            while true {
                guard let exit = await runOnce(container, isInit: true, index: index) else { return false }
                if exit.code == 0 { break }
                if restartPolicy == "Never" {
                    initializationFailed = true
                    return false
                }
                guard await backOff(container.name, isInit: true, index: index, delay: backoff) else { return false }
                backoff = min(backoff * 2, context.options.maximumRestartBackoff)
            }
        }
        return true
    }

    /// Stops every container (SIGTERM, then SIGKILL after `gracePeriod`), removes the pod's
    /// namespaces, veth and directory and, when `deletePod`, deletes the Pod object with grace
    /// period 0 as the kubelet does once it has stopped everything.
    func terminate(gracePeriod: Duration, deletePod: Bool) async {
        terminating = true
        lifecycle?.cancel()
        let running = (initContainers + containers).compactMap(\.process)
        await withTaskGroup(of: Void.self) { group in
            for process in running {
                group.addTask { _ = await process.stop(gracePeriod: gracePeriod) }
            }
        }
        await lifecycle?.value
        await statusWriter?.value
        await removeSandbox(keepDirectory: false)
        guard deletePod, let name = pod.metadata.name else { return }
        do {
            try await context.client.delete(
                Pod.self, name: name, namespace: pod.metadata.namespace,
                options: DeleteOptions(preconditions: .init(uid: uid), gracePeriodSeconds: 0))
        } catch let error as KubeError where error.code == .notFound || error.code == .conflict {
            return
        } catch {
            logger.warning("cannot delete terminated pod", metadata: ["error": "\(error)"])
        }
    }

    private func removeSandbox(keepDirectory: Bool) async {
        if let sandbox, !sandbox.namespacePath.isEmpty {
            await context.network.removeSandbox(podUID: uid, namespacePath: sandbox.namespacePath)
        }
        if !keepDirectory { try? FileManager.default.removeItem(atPath: podDirectory) }
    }
}
