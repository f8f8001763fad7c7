import ArgumentParser
import DevRuntime
import Foundation
import KubeKit
import Logging
import ServiceLifecycle

/// `mothership dev-node`: dev mode's node for a management cluster that has no kubelet of its
/// own. Runs the Pods bound to it as local processes (each image mapped to an executable of this
/// machine) and gives `LoadBalancer` Services loopback addresses, so that hosted control planes
/// run for real on one machine. Needs root. Stops gracefully on SIGTERM and SIGINT, removing
/// every process, namespace and network device it made.
struct DevNodeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "dev-node",
        abstract: "Run a management cluster's Pods as local processes (dev mode; needs root).")

    @Option(help: "The kubeconfig of the management cluster; default: $KUBECONFIG, then ~/.kube/config.")
    var kubeconfig: String?

    @Option(help: "The Node's name.")
    var nodeName = "mothership-dev"

    @Option(help: "Where pod directories, volumes and logs are kept (created with mode 0700).")
    var stateDir: String

    @Option(name: .customLong("image"), help: "PATTERN=EXECUTABLE: containers whose image matches the glob run the executable; repeatable, first match wins.")
    var images: [String] = []

    @Option(help: "The pods' network (IPv4 CIDR).")
    var podCIDR = "10.244.0.0/24"

    @Option(help: "The host bridge of the pod network (at most 15 characters).")
    var bridge = "msdev0"

    @Option(help: "Loopback addresses for LoadBalancer Services, as FIRST-LAST of the last octet of 127.0.0.x.")
    var loadBalancerAddresses = "100-199"

    func validate() throws {
        _ = try imageRules()
        _ = try addressRange()
    }

    func run() async throws {
        let logger = Logger(label: "mothership.dev-node")
        let configuration = try kubeconfig.map { try ClientConfiguration.fromKubeconfig(path: $0) } ?? ClientConfiguration.load()
        let node = DevNode(
            client: KubeClient(configuration: configuration, logger: logger),
            options: DevNodeOptions(
                nodeName: nodeName, stateDirectory: stateDir, images: ImageResolver(try imageRules()), podCIDR: podCIDR,
                bridgeName: bridge, loadBalancerAddresses: try addressRange()),
            logger: logger)
        let group = ServiceGroup(services: [node], gracefulShutdownSignals: [.sigterm, .sigint], logger: logger)
        try await group.run()
    }

    func imageRules() throws -> [ImageResolver.Rule] {
        try images.map { entry in
            guard let equals = entry.lastIndex(of: "="), equals != entry.startIndex, entry.index(after: equals) != entry.endIndex else {
                throw ValidationError("--image must be PATTERN=EXECUTABLE, not '\(entry)'")
            }
            let executable = String(entry[entry.index(after: equals)...])
            guard FileManager.default.isExecutableFile(atPath: executable) else {
                throw ValidationError("--image \(entry): \(executable) is not an executable file")
            }
            return ImageResolver.Rule(String(entry[..<equals]), executable: executable)
        }
    }

    func addressRange() throws -> ClosedRange<UInt8> {
        let bounds = loadBalancerAddresses.split(separator: "-").compactMap { UInt8($0) }
        guard bounds.count == 2, bounds[0] >= 2, bounds[0] <= bounds[1], bounds[1] < 255 else {
            throw ValidationError("--load-balancer-addresses must be FIRST-LAST within 2-254, not '\(loadBalancerAddresses)'")
        }
        return bounds[0]...bounds[1]
    }
}
