import ArgumentParser

/// The one Mothership executable. Subcommands arrive with the issues that build them: the
/// manager (all controllers), `components` (clusterctl YAML), `generate`, `describe`,
/// `kubeconfig` and `render`.
@main
struct Mothership: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "mothership",
        abstract: "Cluster API providers: hosted control planes, worker bootstrap, and machines on vSphere, OpenStack, Ironic, SSH and KubeVirt.",
        version: "0.1.0-dev")
}
