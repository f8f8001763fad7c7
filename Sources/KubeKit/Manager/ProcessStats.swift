import Foundation

/// The process's resident memory and CPU time, read from `/proc/self` (Linux).
struct ProcessStats: Sendable, Hashable {
    var residentMemoryBytes: Int
    var cpuSeconds: Double

    /// The current figures; nil where `/proc` is not available.
    static func current() -> ProcessStats? {
        guard let stat = try? String(contentsOfFile: "/proc/self/stat", encoding: .utf8),
            let statm = try? String(contentsOfFile: "/proc/self/statm", encoding: .utf8),
            let afterName = stat.lastIndex(of: ")")
        else { return nil }
        // Fields after the command name: state is field 3, utime 14 and stime 15.
        let fields = stat[stat.index(after: afterName)...].split(separator: " ")
        let pages = statm.split(separator: " ")
        guard fields.count > 12, pages.count > 1, let user = Double(fields[11]), let system = Double(fields[12]),
            let resident = Int(pages[1])
        else { return nil }
        let ticks = Double(sysconf(Int32(_SC_CLK_TCK)))
        return ProcessStats(residentMemoryBytes: resident * Int(sysconf(Int32(_SC_PAGESIZE))), cpuSeconds: (user + system) / ticks)
    }

    /// The figures in Prometheus text format, with the names every Prometheus client uses.
    var prometheusText: String {
        """
        # HELP process_resident_memory_bytes Resident memory size in bytes.
        # TYPE process_resident_memory_bytes gauge
        process_resident_memory_bytes \(residentMemoryBytes)
        # HELP process_cpu_seconds_total Total user and system CPU time spent in seconds.
        # TYPE process_cpu_seconds_total counter
        process_cpu_seconds_total \(cpuSeconds)

        """
    }
}
