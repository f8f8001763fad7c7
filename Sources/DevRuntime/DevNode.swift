import AsyncHTTPClient
import Foundation
import KubeKit
import Logging
import NIOPosix
import NIOSSL
import ServiceLifecycle

/// Dev mode's node: registers a Node on the API server of `client`, runs the Pods bound to it as
/// local processes (see ``DevRuntime``), gives `LoadBalancer` Services loopback addresses, and
/// on shutdown stops every pod process and removes their namespaces, veths, bridge and
/// directories (and the Node, unless told to keep it). A `Service` of swift-service-lifecycle:
/// `run()` returns after a graceful shutdown or when its task is cancelled.
///
/// Needs root (network and mount namespaces) and the host tools `ip`, `unshare`, `nsenter`,
/// `mount`, `umount`.
public struct DevNode: ServiceLifecycle.Service {
    public let client: KubeClient
    public let options: DevNodeOptions
    private let logger: Logger

    public init(client: KubeClient, options: DevNodeOptions, logger: Logger = Logger(label: "mothership.devruntime")) {
        self.client = client
        self.options = options
        self.logger = logger
    }

    public func run() async throws {
        for tool in ["ip", "unshare", "nsenter", "mount", "umount", "mkdir", "touch", "sh"] { _ = try HostCommand.locate(tool) }
        try FileManager.default.createDirectory(
            atPath: "\(options.stateDirectory)/pods", withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        let network = try PodNetwork(cidr: options.podCIDR, bridgeName: options.bridgeName, logger: logger)
        var tls = TLSConfiguration.makeClientConfiguration()
        tls.certificateVerification = .none
        let httpClient = HTTPClient(
            eventLoopGroup: MultiThreadedEventLoopGroup.singleton,
            configuration: HTTPClient.Configuration(tlsConfiguration: tls, redirectConfiguration: .disallow))
        let events = EventRecorder(
            client: client, reportingController: "mothership.dev/devruntime", reportingInstance: options.nodeName, logger: logger)
        let context = RuntimeContext(client: client, options: options, network: network, httpClient: httpClient, events: events, logger: logger)
        let runner = PodRunner(context: context)
        let pods = Informer<Pod>(
            client: client, options: .init(fieldSelector: ["spec.nodeName": options.nodeName]), logger: logger)
        let services = Informer<Service>(client: client, options: .init(namespace: options.serviceNamespace), logger: logger)
        let balancer = ServiceLoadBalancer(client: client, pods: pods, addresses: options.loadBalancerAddresses, logger: logger)
        let agent = NodeAgent(client: client, options: options, internalIP: network.gatewayAddress, logger: logger)
        let hosts = ClusterHosts(path: context.hostsFile)

        do {
            await runner.removeLeftovers()
            try await hosts.update(pods: [], services: [])
            try await network.ensureBridge()
            let node = try await agent.register()
            logger.info("dev node registered", metadata: ["node": "\(options.nodeName)", "podCIDR": "\(options.podCIDR)"])
            await cancelWhenGracefulShutdown {
                await withTaskGroup(of: Void.self) { group in
                    group.addTask { await pods.run() }
                    group.addTask { await services.run() }
                    group.addTask { await events.run() }
                    group.addTask { await agent.heartbeat(node: node) }
                    group.addTask {
                        for await event in await pods.subscribe() { await runner.handle(event) }
                    }
                    group.addTask {
                        for await event in await services.subscribe() { await balancer.handle(event) }
                    }
                    group.addTask {
                        for await _ in await pods.subscribe() { await Self.updateHosts(hosts, pods: pods, services: services, logger: logger) }
                    }
                    group.addTask {
                        for await _ in await services.subscribe() { await Self.updateHosts(hosts, pods: pods, services: services, logger: logger) }
                    }
                    await group.waitForAll()
                }
            }
        } catch {
            await Self.tearDown(runner: runner, balancer: balancer, services: services, network: network, agent: nil, httpClient: httpClient, options: options)
            throw error
        }
        // Teardown in a task of its own: the caller's task is cancelled by now, and stopping
        // processes must still wait out their grace period.
        await Task {
            await Self.tearDown(
                runner: runner, balancer: balancer, services: services, network: network,
                agent: options.deleteNodeOnShutdown ? agent : nil, httpClient: httpClient, options: options)
        }.value
        logger.info("dev node stopped", metadata: ["node": "\(options.nodeName)"])
    }

    private static func updateHosts(_ hosts: ClusterHosts, pods: Informer<Pod>, services: Informer<Service>, logger: Logger) async {
        do {
            try await hosts.update(pods: await pods.list(), services: await services.list())
        } catch {
            logger.error("cannot update the pods' hosts file", metadata: ["error": "\(error)"])
        }
    }

    private static func tearDown(
        runner: PodRunner, balancer: ServiceLoadBalancer, services: Informer<Service>, network: PodNetwork, agent: NodeAgent?,
        httpClient: HTTPClient, options: DevNodeOptions
    ) async {
        await runner.shutdown(gracePeriod: options.shutdownGracePeriod)
        await balancer.shutdown(services: await services.list())
        await network.removeBridge()
        await agent?.remove()
        try? await httpClient.shutdown()
    }
}
