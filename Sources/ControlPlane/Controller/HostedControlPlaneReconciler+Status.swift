import ClusterAPI
import KubeKit

extension HostedControlPlaneReconciler {
    /// Reports the contract's replica counts from the control-plane StatefulSet's status, the
    /// version once every pod runs it, and the datastore's state.
    func reportReplicas(_ controlPlane: inout HostedControlPlane, manifests: ControlPlaneManifests, plan: SpecRules) async throws {
        let namespace = manifests.namespace
        let statefulSet = try await client.get(UnstructuredObject.self, resource: ManifestResources.statefulSet, name: manifests.controlPlaneName, namespace: namespace)
        let counts = ReplicaCounts(statefulSet)
        var status = controlPlane.status ?? HostedControlPlane.Status()
        status.replicas = counts.replicas
        status.readyReplicas = counts.ready
        status.availableReplicas = counts.available
        status.upToDateReplicas = counts.upToDate
        if counts.rolledOut(desired: plan.replicas) { status.version = plan.version.description }
        controlPlane.status = status

        switch manifests.datastore.type {
        case .etcd:
            let etcd = try await client.get(UnstructuredObject.self, resource: ManifestResources.statefulSet, name: manifests.etcdName, namespace: namespace)
            let ready = ReplicaCounts(etcd).ready
            let quorum = manifests.etcdReplicas / 2 + 1
            if ready >= quorum {
                controlPlane.setCondition(ConditionType.datastoreAvailable, .true, reason: "EtcdQuorum", message: "\(ready) of \(manifests.etcdReplicas) etcd members ready")
            } else {
                controlPlane.setCondition(
                    ConditionType.datastoreAvailable, .false, reason: "WaitingForEtcdQuorum",
                    message: "\(ready) of \(manifests.etcdReplicas) etcd members ready, \(quorum) needed")
            }
        case .sqlite:
            controlPlane.setCondition(ConditionType.datastoreAvailable, .true, reason: "EmbeddedSQLite")
        case .kine, .externalEtcd:
            controlPlane.setCondition(ConditionType.datastoreAvailable, .true, reason: "ExternalDatastore")
        }
    }

    /// A StatefulSet's replica counts, counting pods up to date only once the StatefulSet
    /// controller has seen the current spec.
    struct ReplicaCounts {
        var replicas: Int32
        var ready: Int32
        var available: Int32
        var upToDate: Int32
        var current: Bool

        init(_ statefulSet: UnstructuredObject) {
            let status = statefulSet["status"]
            func count(_ field: String) -> Int32 { Int32(status?[field]?.intValue ?? 0) }
            current = (status?["observedGeneration"]?.intValue ?? -1) == (statefulSet.metadata.generation ?? 0)
            replicas = count("replicas")
            ready = count("readyReplicas")
            // availableReplicas is reported from Kubernetes 1.22 on; before, ready is the best there is.
            available = status?["availableReplicas"] != nil ? count("availableReplicas") : ready
            upToDate = current ? count("updatedReplicas") : 0
        }

        /// Every desired pod runs the current spec and is ready.
        func rolledOut(desired: Int32) -> Bool {
            current && desired > 0 && upToDate == desired && replicas == desired && ready == desired
        }
    }

    /// Sets `initialization.controlPlaneInitialized` once the hosted API server answers
    /// `/readyz` through the generated `<cluster>-kubeconfig`, and `Available`. The endpoint is
    /// asked only once a control-plane pod is ready: before that nothing can answer there, and
    /// an endpoint not yet served (a load balancer still being set up, an address of another
    /// network) should not be sent traffic on every pass.
    func reconcileInitialization(_ controlPlane: inout HostedControlPlane, clusterName: String) async throws -> Bool {
        let namespace = controlPlane.metadata.namespace ?? ""
        guard (controlPlane.status?.readyReplicas ?? 0) > 0 else {
            controlPlane.setCondition(
                ConditionType.available, .false, reason: "WaitingForControlPlanePods", message: "no control-plane pod is ready yet")
            return false
        }
        let ready: Bool
        var detail = ""
        do {
            let hosted = try await hostedClusters.client(forCluster: clusterName, namespace: namespace)
            ready = try await hosted.health("/readyz").trimmingCharacters(in: .whitespacesAndNewlines) == "ok"
        } catch let error as HostedClusterError {
            ready = false
            detail = "\(error)"
        } catch {
            ready = false
            detail = "\(error)"
        }
        var status = controlPlane.status ?? HostedControlPlane.Status()
        let wasInitialized = status.initialization?.controlPlaneInitialized == true
        if ready, !wasInitialized {
            status.initialization = HostedControlPlane.Initialization(controlPlaneInitialized: true)
            controlPlane.status = status
            await events?.record(.normal, reason: "ControlPlaneInitialized", action: "Initialize", note: "the hosted API server answers /readyz", regarding: controlPlane)
            logger.info("hosted control plane initialized", metadata: ["hostedcontrolplane": "\(controlPlane.objectKey)"])
        }
        if ready {
            controlPlane.setCondition(ConditionType.available, .true, reason: "Available")
        } else {
            controlPlane.setCondition(
                ConditionType.available, .false, reason: "WaitingForAPIServer", message: "the hosted API server does not answer /readyz yet: \(detail)")
        }
        return ready
    }
}
