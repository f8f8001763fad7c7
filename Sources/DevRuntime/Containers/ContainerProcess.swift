import Foundation
import Synchronization

#if canImport(Glibc)
import Glibc
#endif

/// A running container: its process (which `exec`s through `nsenter`, `unshare` and the mount
/// script into the container's program, so the PID stays that of the program) and how it ended.
///
/// Spawned with `posix_spawn` rather than Foundation's `Process`: the child must start with no
/// blocked signals and default signal handling (a container that inherited this process's mask
/// would ignore SIGTERM), in a process group of its own (so signals reach what it starts), with
/// its output appended to its log file.
final class ContainerProcess: Sendable {
    /// How a container process ended: its exit code, or 128 + the signal that killed it (as the
    /// kubelet reports it).
    struct Exit: Sendable, Hashable {
        var code: Int32
        var signal: Int32?
    }

    let pid: Int32
    let startedAt: Date
    private let exit: Task<Exit, Never>
    private let exited = ExitFlag()

    /// Starts `executable arguments…` with `environment`, standard output and error appended to
    /// `logPath` (created with mode 0600), standard input from /dev/null.
    init(executable: String, arguments: [String], environment: [String: String], logPath: String) throws {
        let argv = ([executable] + arguments).map { strdup($0) } + [nil]
        let envp = environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer {
            for pointer in argv { free(pointer) }
            for pointer in envp { free(pointer) }
        }
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var noSignals = sigset_t()
        sigemptyset(&noSignals)
        posix_spawnattr_setsigmask(&attributes, &noSignals)
        var handled = sigset_t()
        sigemptyset(&handled)
        for signal in Int32(1)..<32 where signal != SIGKILL && signal != SIGSTOP { sigaddset(&handled, signal) }
        posix_spawnattr_setsigdefault(&attributes, &handled)
        posix_spawnattr_setpgroup(&attributes, 0)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF | POSIX_SPAWN_SETPGROUP))
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, logPath, O_WRONLY | O_APPEND | O_CREAT, 0o600)
        posix_spawn_file_actions_adddup2(&actions, 1, 2)
        var spawned: pid_t = 0
        let result = posix_spawn(&spawned, executable, &actions, &attributes, argv, envp)
        guard result == 0 else {
            throw DevRuntimeError(.start, "cannot start \(executable): \(String(cString: strerror(result)))")
        }
        let pid = spawned
        self.pid = pid
        startedAt = Date()
        let (stream, continuation) = AsyncStream<Exit>.makeStream()
        let exited = self.exited
        // A thread of its own for the blocking wait, outside the cooperative pool.
        Thread {
            var status: Int32 = 0
            while waitpid(pid, &status, 0) == -1 && errno == EINTR {}
            exited.value.withLock { $0 = true }
            let signal = status & 0x7F
            continuation.yield(signal == 0 ? Exit(code: (status >> 8) & 0xFF, signal: nil) : Exit(code: 128 + signal, signal: signal))
            continuation.finish()
        }.start()
        exit = Task {
            var result = Exit(code: -1, signal: nil)
            for await value in stream { result = value }
            return result
        }
    }

    /// Waits for the process to end.
    func waitForExit() async -> Exit { await exit.value }

    /// Sends `signal` to the process's group (the container and anything it started). Does
    /// nothing once it has exited.
    func signal(_ signal: Int32) {
        exited.value.withLock { exited in
            guard !exited else { return }
            if kill(-pid, signal) != 0 { kill(pid, signal) }
        }
    }

    /// SIGTERM, then SIGKILL after `gracePeriod` if the process is still running; returns its exit.
    func stop(gracePeriod: Duration) async -> Exit {
        signal(SIGTERM)
        let killer = Task {
            guard (try? await Task.sleep(for: gracePeriod)) != nil else { return }
            self.signal(SIGKILL)
        }
        let exit = await waitForExit()
        killer.cancel()
        return exit
    }
}

/// Whether a process has been reaped, shared with the thread that reaps it: once it has, its PID
/// may belong to another process and must not be signalled.
private final class ExitFlag: Sendable {
    let value = Mutex(false)
}
