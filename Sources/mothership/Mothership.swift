import ArgumentParser

@main
struct Mothership: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Mothership")
}
