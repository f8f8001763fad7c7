import ArgumentParser

/// The one Mothership executable: `manager` runs the controllers, `components` prints the
/// clusterctl components, `generate` renders cluster templates, `render` shows generated
/// artifacts offline, `dev-node` runs a management cluster's Pods locally in dev mode.
@main
struct Mothership: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "mothership",
        abstract: "Cluster API providers: hosted control planes, worker bootstrap, and machines on vSphere, OpenStack, Ironic, SSH and KubeVirt.",
        version: "0.1.0-dev",
        subcommands: [ManagerCommand.self, GenerateCommand.self, ComponentsCommand.self, RenderCommand.self, DevNodeCommand.self])
}
