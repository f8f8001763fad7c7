import Crypto
import Foundation
import KubeKit

extension HostedControlPlaneReconciler {
    /// The condition reporting what is applied into the hosted cluster: the add-on manifests and
    /// what kubeadm joins need (not part of `Ready`: a cluster without its CNI is still a
    /// running control plane).
    public static let addonsApplied = "AddonsApplied"

    /// Applies into the hosted cluster, by server-side apply, what joining nodes need (kubeadm
    /// flavor, see ``ControlPlaneManifests/kubeadmJoinObjects(caCertificatePEM:)``) and the
    /// add-on manifests, when they changed since the last time (a digest in
    /// `status.appliedAddons`), so each set is applied once and later edits of the objects in
    /// the hosted cluster are left alone.
    func reconcileAddons(_ controlPlane: inout HostedControlPlane, clusterName: String, manifests rendered: ControlPlaneManifests) async throws {
        let addons = controlPlane.spec.addons ?? []
        let namespace = controlPlane.metadata.namespace ?? ""
        var documents: [(source: String, yaml: String)] = []
        do {
            documents += try await joinDocuments(rendered)
            for addon in addons { documents += try await manifests(of: addon, namespace: namespace) }
        } catch let failure as Failure {
            controlPlane.setCondition(Self.addonsApplied, .false, reason: failure.reason, message: failure.message)
            return
        }
        guard !documents.isEmpty else { return }
        var hasher = SHA256()
        for document in documents { hasher.update(data: Data("\(document.source)\n\(document.yaml)\n".utf8)) }
        let digest = hasher.finalize().map { String(format: "%02x", $0) }.joined()
        guard controlPlane.status?.appliedAddons != digest else { return }

        let hosted = try await hostedClusters.client(forCluster: clusterName, namespace: namespace)
        var resources: [String: [APIResource]] = [:]
        for document in documents {
            let objects: [UnstructuredObject]
            do {
                objects = try YAMLDocuments.objects(document.yaml)
            } catch {
                controlPlane.setCondition(Self.addonsApplied, .false, reason: "InvalidManifest", message: "\(document.source) is not valid YAML manifests: \(error)")
                return
            }
            for object in objects {
                guard let apiVersion = object.apiVersion, let kind = object.kind else {
                    controlPlane.setCondition(Self.addonsApplied, .false, reason: "InvalidManifest", message: "an object in \(document.source) has no apiVersion or kind")
                    return
                }
                if resources[apiVersion] == nil { resources[apiVersion] = try await hosted.serverResources(forGroupVersion: apiVersion) ?? [] }
                guard let resource = resources[apiVersion]?.first(where: { $0.kind == kind && !$0.name.contains("/") }) else {
                    controlPlane.setCondition(
                        Self.addonsApplied, .false, reason: "UnknownKind", message: "the hosted cluster does not serve \(kind) in \(apiVersion) (\(document.source))")
                    return
                }
                let parts = apiVersion.split(separator: "/")
                let descriptor = ResourceDescriptor(
                    group: parts.count == 2 ? String(parts[0]) : "", version: String(parts.last ?? ""), kind: kind, plural: resource.name,
                    namespaced: resource.namespaced)
                var object = object
                if resource.namespaced, object.metadata.namespace == nil { object.metadata.namespace = "default" }
                do {
                    _ = try await hosted.apply(object, resource: descriptor, options: ApplyOptions(fieldManager: "mothership-addons", force: true))
                } catch let error as KubeError {
                    controlPlane.setCondition(
                        Self.addonsApplied, .false, reason: "ApplyFailed", message: "\(kind) \(object.metadata.key) from \(document.source): \(error)")
                    return
                }
            }
        }
        var status = controlPlane.status ?? HostedControlPlane.Status()
        status.appliedAddons = digest
        controlPlane.status = status
        controlPlane.setCondition(Self.addonsApplied, .true, reason: "Applied")
        await events?.record(.normal, reason: "AddonsApplied", action: "ApplyAddons", note: "\(documents.count) manifest source(s) applied into the hosted cluster", regarding: controlPlane)
    }

    /// The objects kubeadm joins need, as one YAML document (none for the k0s flavor).
    private func joinDocuments(_ rendered: ControlPlaneManifests) async throws -> [(source: String, yaml: String)] {
        let secret = rendered.secrets.clusterCA
        guard let ca = try await getIfPresent(Secret.self, name: secret, namespace: rendered.namespace),
            let pem = ca.data?["tls.crt"].flatMap({ String(data: $0, encoding: .utf8) })
        else {
            throw Failure(condition: Self.addonsApplied, reason: "WaitingForClusterCA", message: "Secret \(rendered.namespace)/\(secret) has no tls.crt yet")
        }
        let objects = try rendered.kubeadmJoinObjects(caCertificatePEM: pem)
        return objects.isEmpty ? [] : [("kubeadm join configuration", try YAMLDocuments.encode(objects))]
    }

    /// The YAML of every key of the add-on's ConfigMap or Secret, in key order, each named
    /// `ConfigMap ns/name key` for messages.
    private func manifests(of addon: HostedControlPlane.Addon, namespace: String) async throws -> [(source: String, yaml: String)] {
        if let name = addon.configMapName {
            guard let configMap = try await getIfPresent(ConfigMap.self, name: name, namespace: namespace) else {
                throw Failure(condition: Self.addonsApplied, reason: "WaitingForAddonSource", message: "ConfigMap \(namespace)/\(name) of add-on \(addon.name) does not exist")
            }
            return (configMap.data ?? [:]).sorted { $0.key < $1.key }.map { ("ConfigMap \(namespace)/\(name) key \($0.key)", $0.value) }
        }
        if let name = addon.secretName {
            guard let secret = try await getIfPresent(Secret.self, name: name, namespace: namespace) else {
                throw Failure(condition: Self.addonsApplied, reason: "WaitingForAddonSource", message: "Secret \(namespace)/\(name) of add-on \(addon.name) does not exist")
            }
            return (secret.data ?? [:]).sorted { $0.key < $1.key }.map { ("Secret \(namespace)/\(name) key \($0.key)", String(decoding: $0.value, as: UTF8.self)) }
        }
        throw Failure(condition: Self.addonsApplied, reason: "InvalidAddon", message: "add-on \(addon.name) names neither a ConfigMap nor a Secret")
    }
}
