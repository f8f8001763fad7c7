/// Turns a `BootstrapPlan` into the user data a worker boots with. Pure: no I/O, no clock, no
/// randomness, so the same plan always gives the same bytes and re-reconciling never rewrites an
/// unchanged Secret.
public enum UserDataRenderer {
    /// Renders `plan` in its format, compressing when the plain form is larger than `sizeLimit`
    /// bytes, the machine platform's limit on user data.
    ///
    /// - Throws: `UserDataError` naming the invalid field or path, or `.tooLarge` when even the
    ///   compressed form exceeds `sizeLimit`.
    public static func render(_ plan: BootstrapPlan, sizeLimit: Int) throws(UserDataError) -> UserData {
        let setup = try NodeSetup(plan)
        let plain: [UInt8]
        let compressed: () throws(UserDataError) -> [UInt8]
        switch plan.format {
        case .cloudConfig:
            plain = try CloudConfig.render(setup, plan)
            compressed = { () throws(UserDataError) in try Gzip.compress(plain) }
        case .ignition:
            plain = try Ignition.render(setup, plan, compressingFiles: false)
            compressed = { () throws(UserDataError) in try Ignition.render(setup, plan, compressingFiles: true) }
        }
        if plain.count <= sizeLimit { return UserData(bytes: plain, compressed: false, format: plan.format) }
        let bytes = try compressed()
        guard bytes.count <= sizeLimit else { throw .tooLarge(size: bytes.count, limit: sizeLimit) }
        return UserData(bytes: bytes, compressed: true, format: plan.format)
    }
}
