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
}
