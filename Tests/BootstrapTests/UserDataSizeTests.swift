import Bootstrap
import Foundation
import Testing

@Suite("user data size limits")
struct UserDataSizeTests {
    /// A plan carrying a file of `size` bytes: repetitive text when `compressible`, else
    /// pseudo-random bytes in base64.
    private func plan(format: BootstrapPlan.Format, fileOf size: Int, compressible: Bool) -> BootstrapPlan {
        var plan = TestPlans.plan(flavor: .k0s, format: format)
        if compressible {
            let text = String(repeating: "a line of a large, very repetitive configuration file\n", count: size / 54)
            plan.files.append(BootstrapPlan.File(path: "/etc/mothership/large.conf", content: text))
        } else {
            var state: UInt64 = 0x9E37_79B9_7F4A_7C15
            let bytes = (0..<size).map { _ in
                state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
                return UInt8(truncatingIfNeeded: state >> 56)
            }
            plan.files.append(
                BootstrapPlan.File(path: "/etc/mothership/large.bin", content: Data(bytes).base64EncodedString(), encoding: .base64))
        }
        return plan
    }

    @Test("cloud-config over the limit is gzip'd whole, and unpacks to the full valid document")
    func compressedCloudConfig() throws {
        let large = plan(format: .cloudConfig, fileOf: 200_000, compressible: true)
        let full = try UserDataRenderer.render(large, sizeLimit: 1 << 20)
        #expect(!full.compressed && full.bytes.count > 64 * 1024)
        let fitted = try UserDataRenderer.render(large, sizeLimit: 64 * 1024)
        #expect(fitted.compressed)
        #expect(fitted.bytes.count <= 64 * 1024)
        #expect(fitted.bytes.starts(with: [0x1f, 0x8b]))
        let unpacked = try gunzip(fitted.bytes)
        #expect(unpacked == full.bytes)
        let problems = try Validators.cloudInitSchemaProblems(unpacked)
        #expect(problems == nil, "cloud-init schema: \(problems ?? "")")
    }

    @Test("Ignition over the limit gzips every file's content and stays valid")
    func compressedIgnition() throws {
        let large = plan(format: .ignition, fileOf: 200_000, compressible: true)
        let full = try UserDataRenderer.render(large, sizeLimit: 1 << 20)
        let fitted = try UserDataRenderer.render(large, sizeLimit: 64 * 1024)
        #expect(fitted.compressed)
        #expect(fitted.bytes.count <= 64 * 1024)
        let files = try decodedDocument(fitted)[path: ["storage", "files"]]?.arrayValue ?? []
        #expect(!files.isEmpty && files.allSatisfy { $0[path: ["contents", "compression"]] == "gzip" })
        #expect(try renderedFiles(fitted) == renderedFiles(full))
        let problems = try Validators.ignitionProblems(fitted.bytes)
        #expect(problems == nil, "ignition-validate: \(problems ?? "")")
    }

    @Test("user data that exceeds the limit even compressed is too large", arguments: BootstrapPlan.Format.allCases)
    func tooLarge(format: BootstrapPlan.Format) throws {
        let hopeless = plan(format: format, fileOf: 100_000, compressible: false)
        let error = #expect(throws: UserDataError.self) { try UserDataRenderer.render(hopeless, sizeLimit: 16 * 1024) }
        guard case .tooLarge(let size, let limit) = error else {
            Issue.record("expected tooLarge, got \(String(describing: error))")
            return
        }
        #expect(limit == 16 * 1024 && size > limit)
    }

    @Test("user data within the limit is left uncompressed", arguments: BootstrapPlan.Format.allCases)
    func withinLimit(format: BootstrapPlan.Format) throws {
        let userData = try UserDataRenderer.render(TestPlans.plan(flavor: .kubeadm, format: format), sizeLimit: 64 * 1024)
        #expect(!userData.compressed)
    }
}
