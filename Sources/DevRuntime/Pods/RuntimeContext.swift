import AsyncHTTPClient
import KubeKit
import Logging

/// What every pod worker shares: the API client, the settings, the pod network, the probe HTTP
/// client and the event recorder.
struct RuntimeContext: Sendable {
    let client: KubeClient
    let options: DevNodeOptions
    let network: PodNetwork
    let httpClient: HTTPClient
    let events: EventRecorder
    let logger: Logger

    /// `<state directory>/pods/<uid>`.
    func podDirectory(uid: String) -> String { "\(options.stateDirectory)/pods/\(uid)" }

    /// The hosts file pod-network containers see as `/etc/hosts` (see ``ClusterHosts``).
    var hostsFile: String { "\(options.stateDirectory)/hosts" }
}
