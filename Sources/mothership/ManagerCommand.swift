import ArgumentParser
import CoreStandIn
import Foundation
import KubeKit
import Logging
import ServiceLifecycle

/// `mothership manager`: the long-running controller manager, as deployed on the management
/// cluster. Stops gracefully on SIGTERM and SIGINT; exits non-zero when it loses its lease so
/// that Kubernetes restarts it.
struct ManagerCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "manager",
        abstract: "Run the controller manager against the management cluster.")

    @Option(help: "The kubeconfig to use; default: $KUBECONFIG, ~/.kube/config, then the pod's service account.")
    var kubeconfig: String?

    @Option(help: "The kubeconfig context to use; default: its current context.")
    var context: String?

    @Flag(help: "Elect a leader among replicas so that only one reconciles.")
    var leaderElect = false

    @Option(help: "The namespace of the leader election Lease; default: $POD_NAMESPACE, else mothership-system.")
    var leaderElectionNamespace: String?

    @Option(help: "The name of the leader election Lease.")
    var leaderElectionID = "mothership-leader"

    @Option(help: "The providers whose controllers run, comma-separated: control-plane, bootstrap, infrastructure.")
    var providers = ProviderType.allCases.map(\.rawValue).joined(separator: ",")

    @Option(help: "Watch only this namespace; empty: all namespaces.")
    var namespace = ""

    @Option(help: "Reconcile only objects labelled cluster.x-k8s.io/watch-filter=<value>; empty: all.")
    var watchFilter = ""

    @Option(help: "Who runs CAPI core's Cluster, MachineDeployment, MachineSet and Machine controllers: 'external' (CAPI core, installed by clusterctl init) or 'builtin' (a stand-in for dev mode and tests, where CAPI core cannot be installed).")
    var capiCore: CAPICore = .external

    @Option(help: "Where /healthz, /readyz and /metrics are served, as host:port (':8081' listens on every address); '0' turns it off.")
    var healthProbeBindAddress = ":8081"

    func validate() throws {
        _ = try selectedProviders()
        if healthProbeBindAddress != "0", ServeAddress(bindAddress: healthProbeBindAddress) == nil {
            throw ValidationError("--health-probe-bind-address must be host:port or '0', not '\(healthProbeBindAddress)'")
        }
    }

    func run() async throws {
        let logger = Logger(label: "mothership")
        let environment = ProcessInfo.processInfo.environment
        let configuration = try kubeconfig.map { try ClientConfiguration.fromKubeconfig(path: $0, context: context) }
            ?? ClientConfiguration.load(context: context)
        let identity = "\(ProcessInfo.processInfo.hostName)_\(UUID().uuidString.lowercased())"
        let leaderElection = leaderElect
            ? LeaderElectionOptions(
                leaseName: leaderElectionID,
                namespace: leaderElectionNamespace ?? environment["POD_NAMESPACE"].flatMap { $0.isEmpty ? nil : $0 } ?? "mothership-system",
                identity: identity)
            : nil
        let manager = Manager(
            client: KubeClient(configuration: configuration, logger: logger),
            options: ManagerOptions(
                name: "mothership", leaderElection: leaderElection,
                serveAddress: healthProbeBindAddress == "0" ? nil : ServeAddress(bindAddress: healthProbeBindAddress),
                watchNamespace: namespace.isEmpty ? nil : namespace, watchFilter: watchFilter.isEmpty ? nil : watchFilter),
            logger: logger)
        let providers = try selectedProviders()
        for provider in providers { await provider.registerControllers(on: manager) }
        if capiCore == .builtin {
            logger.warning("running the built-in stand-in for CAPI core's controllers (dev mode); production uses CAPI core itself")
            await CoreStandIn.register(on: manager)
        }
        logger.info("running providers", metadata: ["providers": "\(providers.map(\.rawValue))", "capiCore": "\(capiCore.rawValue)"])
        let group = ServiceGroup(services: [manager], gracefulShutdownSignals: [.sigterm, .sigint], logger: logger)
        try await group.run()
    }
}

extension ManagerCommand {
    /// The providers `--providers` names.
    func selectedProviders() throws -> [ProviderType] {
        try providers.split(separator: ",").map { name in
            guard let provider = ProviderType(rawValue: name.trimmingCharacters(in: .whitespaces)) else {
                throw ValidationError("--providers: unknown provider '\(name)'; choose from \(ProviderType.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            return provider
        }
    }
}

/// `--capi-core`: whether CAPI core's controllers run elsewhere or as the built-in stand-in.
enum CAPICore: String, ExpressibleByArgument, CaseIterable {
    case external
    case builtin
}

extension ServeAddress {
    /// Parses `host:port` as controller-runtime's bind-address flags do; an empty host means
    /// every address.
    init?(bindAddress: String) {
        guard let colon = bindAddress.lastIndex(of: ":"), let port = Int(bindAddress[bindAddress.index(after: colon)...]),
            (0...65535).contains(port)
        else { return nil }
        let host = String(bindAddress[..<colon]).trimmingCharacters(in: CharacterSet(charactersIn: "[]"))
        self.init(host: host.isEmpty ? "0.0.0.0" : host, port: port)
    }
}
