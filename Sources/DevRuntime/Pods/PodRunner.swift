import Foundation
import KubeKit
import Logging

/// Runs the Pods bound to this node: one ``PodWorker`` per Pod UID, started when the Pod
/// appears, terminated when it is marked for deletion (then deleted with grace period 0) or
/// removed from the API, and all terminated when the runtime stops.
actor PodRunner {
    private let context: RuntimeContext
    private var workers: [String: PodWorker] = [:]
    private var terminations: [String: Task<Void, Never>] = [:]

    init(context: RuntimeContext) {
        self.context = context
    }

    /// Removes pod directories, network namespaces and veths left by an earlier run that did not
    /// stop cleanly.
    func removeLeftovers() async {
        let directory = "\(context.options.stateDirectory)/pods"
        for uid in (try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? [] {
            await context.network.removeSandbox(podUID: uid, namespacePath: "\(directory)/\(uid)/netns")
            try? FileManager.default.removeItem(atPath: "\(directory)/\(uid)")
        }
    }

    /// Handles one change of a Pod bound to this node.
    func handle(_ event: InformerEvent<Pod>) async {
        let pod = event.object
        guard let uid = pod.metadata.uid, pod.spec?.nodeName == context.options.nodeName else { return }
        if case .deleted = event {
            terminate(uid: uid, pod: pod, gracePeriod: .zero, deletePod: false)
            return
        }
        if pod.metadata.deletionTimestamp != nil {
            let seconds = pod.metadata.deletionGracePeriodSeconds ?? pod.spec?.terminationGracePeriodSeconds ?? 30
            terminate(uid: uid, pod: pod, gracePeriod: .seconds(max(seconds, 0)), deletePod: true)
            return
        }
        if let worker = workers[uid] {
            await worker.update(pod)
            return
        }
        guard terminations[uid] == nil, pod.status?.phase != "Succeeded", pod.status?.phase != "Failed" else { return }
        let worker = PodWorker(pod: pod, context: context)
        workers[uid] = worker
        await worker.start()
    }

    private func terminate(uid: String, pod: Pod, gracePeriod: Duration, deletePod: Bool) {
        guard terminations[uid] == nil else { return }
        let worker = workers[uid] ?? PodWorker(pod: pod, context: context)
        terminations[uid] = Task {
            await worker.terminate(gracePeriod: gracePeriod, deletePod: deletePod)
            self.finished(uid)
        }
    }

    private func finished(_ uid: String) {
        workers[uid] = nil
    }

    /// Stops every pod (SIGTERM, then SIGKILL after at most `gracePeriod`) and removes what was
    /// set up for it; the Pod objects stay.
    func shutdown(gracePeriod: Duration) async {
        let running = workers
        for (uid, worker) in running where terminations[uid] == nil {
            terminations[uid] = Task { await worker.terminate(gracePeriod: gracePeriod, deletePod: false) }
        }
        for termination in terminations.values { await termination.value }
        workers.removeAll()
    }
}
