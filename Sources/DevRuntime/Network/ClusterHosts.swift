import Foundation
import KubeKit

/// Dev mode's stand-in for cluster DNS: a hosts file, bound over `/etc/hosts` in every
/// pod-network container, naming what a pod can reach on the pod network — each headless
/// Service (`<service>.<namespace>.svc[.cluster.local]`, one line per pod it selects) and each
/// pod named under one (`<hostname>.<subdomain>.<namespace>.svc[.cluster.local]`), as cluster DNS
/// answers them. Services with a cluster IP are left out: dev mode runs no service proxy, so
/// such an address would lead nowhere. The file is rewritten in place (bind mounts pin its
/// inode), and resolvers re-read it when it changes.
actor ClusterHosts {
    /// The cluster domain that cluster DNS serves.
    static let clusterDomain = "cluster.local"

    let path: String
    private var written: String?

    init(path: String) {
        self.path = path
    }

    /// Writes the file for the given pods and Services unless it already says that.
    func update(pods: [Pod], services: [Service]) throws {
        let text = Self.render(pods: pods, services: services)
        guard text != written else { return }
        guard let handle = FileHandle(forUpdatingAtPath: path) ?? Self.created(path) else {
            throw DevRuntimeError(.configuration, "cannot write the pods' hosts file \(path)")
        }
        defer { try? handle.close() }
        try handle.truncate(atOffset: 0)
        try handle.write(contentsOf: Data(text.utf8))
        written = text
    }

    private static func created(_ path: String) -> FileHandle? {
        guard FileManager.default.createFile(atPath: path, contents: nil, attributes: [.posixPermissions: 0o644]) else { return nil }
        return FileHandle(forUpdatingAtPath: path)
    }

    /// The hosts file's text: loopback names first, then one line per address and name, sorted.
    static func render(pods: [Pod], services: [Service]) -> String {
        var lines: [String] = []
        let headless = services.filter { $0.spec?.clusterIP == "None" && $0.spec?.selector?.isEmpty == false }
        for service in headless {
            guard let name = service.metadata.name, let namespace = service.metadata.namespace, let selector = service.spec?.selector else { continue }
            let includeNotReady = service.spec?.publishNotReadyAddresses == true
            for pod in pods where pod.metadata.namespace == namespace && !pod.isTerminating {
                guard let ip = pod.status?.podIP, pod.spec?.hostNetwork != true, selector.allSatisfy({ pod.metadata.labels?[$0.key] == $0.value }),
                    includeNotReady || pod.isReady
                else { continue }
                lines.append("\(ip) \(names("\(name).\(namespace).svc"))")
                if let hostname = pod.spec?.hostname, pod.spec?.subdomain == name {
                    lines.append("\(ip) \(names("\(hostname).\(name).\(namespace).svc"))")
                }
            }
        }
        let header = [
            "# Written by Mothership's dev runtime: cluster DNS for the pod network.",
            "127.0.0.1 localhost",
            "::1 localhost ip6-localhost ip6-loopback",
        ]
        return (header + Set(lines).sorted()).joined(separator: "\n") + "\n"
    }

    private static func names(_ serviceName: String) -> String { "\(serviceName).\(clusterDomain) \(serviceName)" }
}

extension Pod {
    var isTerminating: Bool { metadata.deletionTimestamp != nil }
    var isReady: Bool { status?.conditions?.contains { $0.type == "Ready" && $0.status == "True" } == true }
}
