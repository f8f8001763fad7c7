import ClusterAPI
import KubeKit
import Logging

/// A stand-in for CAPI core's own controllers (Cluster, MachineDeployment, MachineSet, Machine),
/// for dev mode and end-to-end tests on machines where real CAPI core cannot be installed. Off by
/// default; `mothership manager --capi-core=builtin` turns it on. In production CAPI core itself,
/// installed by `clusterctl init`, does this work and the stand-in stays off.
///
/// It follows CAPI v1.14's documented behaviour on the real CAPI CRDs, with these limits: Nodes
/// are not drained before a Machine's deletion (nor are volume detachments waited for); there is
/// no ClusterClass topology, MachinePool, MachineHealthCheck remediation, in-place update or
/// lifecycle hook; the hosted cluster's Nodes are polled every ``Options/nodePollInterval``, not
/// watched.
public enum CoreStandIn {
    /// Settings of the stand-in.
    public struct Options: Sendable {
        /// How often a Machine reads its Node in the hosted cluster again (the hosted cluster's
        /// Nodes are polled, not watched). Default 10 s.
        public var nodePollInterval: Duration

        public init(nodePollInterval: Duration = .seconds(10)) {
            self.nodePollInterval = nodePollInterval
        }
    }

    /// Registers the four controllers, and the informers they share, on `manager`.
    public static func register(on manager: Manager, options: Options = Options(), logger: Logger = Logger(label: "mothership.capi-core")) async {
        let client = manager.client
        let watches = ReferencedObjectWatches(client: client, namespace: manager.options.watchNamespace, logger: logger)
        let resolver = ContractResolver(client: client)
        let external = ExternalObjects(client: client, resolver: resolver, watches: watches)
        let clusters = await manager.informer(for: Cluster.self)
        let deployments = await manager.informer(for: MachineDeployment.self)
        let sets = await manager.informer(for: MachineSet.self)
        let machines = await manager.informer(for: Machine.self)
        let byCluster: @Sendable (any KubeObject) -> [ReconcileRequest] = { object in
            guard let name = object.clusterName else { return [] }
            return [ReconcileRequest(namespace: object.metadata.namespace, name: name)]
        }

        await manager.add(
            Controller(name: "capi-cluster", for: clusters, reconciler: ClusterReconciler(client: client, external: external, logger: logger), logger: logger)
                .watches(deployments) { byCluster($0) }
                .watches(sets) { byCluster($0) }
                .watches(machines) { byCluster($0) }
                .watches(source: watches.source(ownerKind: Cluster.resource.kind)))
        await manager.add(
            Controller(name: "capi-machinedeployment", for: deployments, reconciler: MachineDeploymentReconciler(client: client, logger: logger), logger: logger)
                .owns(sets)
                .watches(clusters) { cluster in
                    await deployments.list(namespace: cluster.metadata.namespace, labelSelector: [ClusterAPIGroup.clusterNameLabel: cluster.metadata.name ?? ""])
                        .map { ReconcileRequest(for: $0) }
                })
        await manager.add(
            Controller(
                name: "capi-machineset", for: sets,
                reconciler: MachineSetReconciler(client: client, cloner: TemplateCloner(client: client, resolver: resolver), logger: logger),
                logger: logger
            )
            .owns(machines)
            .watches(deployments) { deployment in
                await sets.owned(by: deployment.metadata.uid ?? "").map { ReconcileRequest(for: $0) }
            }
            .watches(clusters) { cluster in
                await sets.list(namespace: cluster.metadata.namespace, labelSelector: [ClusterAPIGroup.clusterNameLabel: cluster.metadata.name ?? ""])
                    .map { ReconcileRequest(for: $0) }
            })
        await manager.add(
            Controller(
                name: "capi-machine", for: machines,
                reconciler: MachineReconciler(
                    client: client, external: external, hostedClusters: HostedClusterAccess(management: client, logger: logger),
                    nodePollInterval: options.nodePollInterval, logger: logger),
                logger: logger
            )
            .watches(clusters) { cluster in
                await machines.list(namespace: cluster.metadata.namespace, labelSelector: [ClusterAPIGroup.clusterNameLabel: cluster.metadata.name ?? ""])
                    .map { ReconcileRequest(for: $0) }
            }
            .watches(source: watches.source(ownerKind: Machine.resource.kind)))
    }
}
