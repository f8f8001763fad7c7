import ClusterAPI
import KubeKit

/// The resolved pace of a `RollingUpdate`: `maxSurge` (default 1, percentages of `replicas`
/// rounded up) and `maxUnavailable` (default 0, percentages rounded down); when both come out
/// 0, `maxUnavailable` is 1 so that the rollout can progress, as Kubernetes Deployments do.
struct RolloutLimits: Equatable {
    var maxSurge: Int
    var maxUnavailable: Int

    init(_ rollingUpdate: MachineDeployment.RollingUpdate?, replicas: Int) throws {
        maxSurge = try Self.resolve(rollingUpdate?.maxSurge ?? .int(1), of: replicas, roundUp: true, field: "maxSurge")
        maxUnavailable = try Self.resolve(rollingUpdate?.maxUnavailable ?? .int(0), of: replicas, roundUp: false, field: "maxUnavailable")
        if maxSurge == 0 && maxUnavailable == 0 { maxUnavailable = 1 }
    }

    private static func resolve(_ value: IntOrString, of replicas: Int, roundUp: Bool, field: String) throws -> Int {
        switch value {
        case .int(let number):
            return max(0, Int(number))
        case .string(let text):
            guard text.hasSuffix("%"), let percent = Int(text.dropLast()), percent >= 0 else {
                throw TerminalError("spec.rollout.strategy.rollingUpdate.\(field) '\(text)' is neither a number nor a percentage")
            }
            let scaled = percent * replicas
            return roundUp ? (scaled + 99) / 100 : scaled / 100
        }
    }
}
