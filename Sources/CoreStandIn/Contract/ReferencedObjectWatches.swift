import ClusterAPI
import Foundation
import KubeKit
import Logging

/// Watches the kinds CAPI objects reference, which are only known once a reference names them
/// (CAPI's "external object tracker"): the first read of a kind through ``ExternalObjects``
/// starts a watch of it, and each change of an object of that kind reconciles its owners of the
/// kind a controller asked for (a Machine for its infrastructure machine and bootstrap config, a
/// Cluster for its infrastructure cluster and control plane).
actor ReferencedObjectWatches {
    private let client: KubeClient
    /// Watch only this namespace; nil: all.
    private let namespace: String?
    private let logger: Logger
    private var resources: [ResourceDescriptor] = []
    private var subscribers: [UUID: AsyncStream<ResourceDescriptor>.Continuation] = [:]

    init(client: KubeClient, namespace: String?, logger: Logger) {
        self.client = client
        self.namespace = namespace
        self.logger = logger
    }

    /// Starts watching `resource` in every controller's source, once.
    func watch(_ resource: ResourceDescriptor) {
        guard !resources.contains(resource) else { return }
        resources.append(resource)
        for subscriber in subscribers.values { subscriber.yield(resource) }
    }

    /// The kinds to watch: those known so far, then each new one.
    private func kinds() -> AsyncStream<ResourceDescriptor> {
        let (stream, continuation) = AsyncStream<ResourceDescriptor>.makeStream()
        for resource in resources { continuation.yield(resource) }
        let id = UUID()
        subscribers[id] = continuation
        continuation.onTermination = { [weak self] _ in Task { await self?.unsubscribe(id) } }
        return stream
    }

    private func unsubscribe(_ id: UUID) { subscribers[id] = nil }

    /// A controller event source (``Controller/watches(source:)``) enqueueing the owners of
    /// kind `ownerKind` (in `cluster.x-k8s.io`) of every changed referenced object.
    nonisolated func source(ownerKind: String) -> @Sendable (_ enqueue: @escaping @Sendable (ReconcileRequest) async -> Void) async -> Void {
        { enqueue in
            await withTaskGroup(of: Void.self) { group in
                for await resource in await self.kinds() {
                    group.addTask { await self.follow(resource, ownerKind: ownerKind, enqueue: enqueue) }
                }
                group.cancelAll()
            }
        }
    }

    /// Watches `resource` until cancelled, resuming after a broken watch with bounded back-off
    /// (1 s doubling to 60 s).
    private nonisolated func follow(
        _ resource: ResourceDescriptor, ownerKind: String, enqueue: @escaping @Sendable (ReconcileRequest) async -> Void
    ) async {
        var resourceVersion: String?
        var delay = Duration.seconds(1)
        while !Task.isCancelled {
            do {
                let events = try await client.watch(
                    UnstructuredObject.self, resource: resource, namespace: namespace,
                    options: WatchOptions(resourceVersion: resourceVersion, timeoutSeconds: Int.random(in: 300..<600)))
                for try await event in events {
                    delay = .seconds(1)
                    switch event {
                    case .added(let object), .modified(let object), .deleted(let object):
                        resourceVersion = object.metadata.resourceVersion
                        for owner in object.metadata.ownerReferences ?? []
                        where owner.kind == ownerKind && owner.group == ClusterAPIGroup.group {
                            await enqueue(ReconcileRequest(namespace: object.metadata.namespace, name: owner.name))
                        }
                    case .bookmark(let version):
                        resourceVersion = version
                    }
                }
            } catch {
                if Task.isCancelled { return }
                if let error = error as? KubeError, error.code == .expired { resourceVersion = nil }
                logger.info("watch of referenced objects broke; resuming", metadata: ["resource": "\(resource)", "error": "\(error)"])
                try? await Task.sleep(for: delay)
                delay = min(delay * 2, .seconds(60))
            }
        }
    }
}
