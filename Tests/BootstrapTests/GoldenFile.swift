import Foundation

/// Golden files: the expected bytes of a rendering, committed under Tests/Fixtures/bootstrap-golden.
/// Run the tests with `MOTHERSHIP_UPDATE_GOLDEN=1` to rewrite them from the current renderer, then
/// review the diff.
enum GoldenFile {
    static var updating: Bool { ProcessInfo.processInfo.environment["MOTHERSHIP_UPDATE_GOLDEN"] == "1" }

    /// The committed bytes at `path`, after rewriting them with `actual` when updating.
    static func expected(at path: String, actual: [UInt8]) throws -> [UInt8] {
        if updating { try Data(actual).write(to: URL(fileURLWithPath: path)) }
        guard let data = FileManager.default.contents(atPath: path) else {
            throw TestFailure("no golden file \(path); run with MOTHERSHIP_UPDATE_GOLDEN=1 to create it")
        }
        return Array(data)
    }
}
