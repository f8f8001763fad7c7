import ClusterAPI
import Foundation
import KubeKit

extension InfraMachineReconciler {
    /// Releases the real machine, then drops the finalizer. `Ready` is false (`Deleting`)
    /// throughout; a machine that is already gone is reported and deletion still completes.
    func reconcileDelete(_ scope: inout Scope) async throws -> ReconcileResult {
        guard scope.object.metadata.hasFinalizer(options.finalizer) else { return .done }
        var identity = scope.object.infrastructureStatus.instanceID.map(MachineIdentity.init)
        if identity == nil { identity = try await provider.find(scope.context) }
        if let identity {
            let deletion: Deletion
            do {
                deletion = try await provider.delete(identity, scope.context)
            } catch let failure as MachineProviderError {
                setDeleting(&scope, reason: failure.reason, message: failure.message)
                try await scope.write()
                throw failure
            }
            switch deletion {
            case .inProgress(let message):
                setDeleting(&scope, reason: "Deleting", message: message)
                try await scope.write()
                return .requeue(after: options.minimumPoll)
            case .deleted:
                await events?.record(.normal, reason: "Deleted", action: "Delete", note: "released machine \(identity)", regarding: scope.object)
            case .notFound:
                let note = "machine \(identity) was already gone (deleted out of band)"
                scope.context.logger.warning("\(note)")
                await events?.record(.warning, reason: "MachineNotFound", action: "Delete", note: note, regarding: scope.object)
            }
        }
        setDeleting(&scope, reason: "Deleted", message: "the machine is released")
        try await scope.write()
        scope.object.metadata.removeFinalizer(options.finalizer)
        do {
            try await scope.write()
        } catch let error as KubeError where error.code == .notFound {
            return .done
        }
        return .done
    }

    private func setDeleting(_ scope: inout Scope, reason: String, message: String) {
        scope.setCondition(InfrastructureMachineStatus.machineProvisioned, .false, reason: reason, message: message)
        scope.setCondition("Ready", .false, reason: "Deleting", message: message)
    }
}
