import Foundation

/// This process's memory, as Linux reports it.
enum ProcessMemory {
    /// Resident set size in bytes (`VmRSS` of `/proc/self/status`); 0 where there is none.
    static var residentBytes: Int {
        guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8),
            let line = status.split(separator: "\n").first(where: { $0.hasPrefix("VmRSS:") }),
            let kilobytes = line.split(whereSeparator: \.isWhitespace).dropFirst().first.flatMap({ Int($0) })
        else { return 0 }
        return kilobytes * 1024
    }

    /// Hands free heap pages back to the kernel (glibc's `malloc_trim`, which Swift's Glibc
    /// module does not export), so that a resident-size difference measured next counts new
    /// memory rather than pages an earlier iteration freed and the allocator kept.
    static func releaseFreePages() {
        typealias MallocTrim = @convention(c) (Int) -> Int32
        guard let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "malloc_trim") else { return }
        _ = unsafeBitCast(symbol, to: MallocTrim.self)(0)
    }
}
