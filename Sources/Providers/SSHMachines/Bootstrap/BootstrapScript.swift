import Crypto
import Foundation

/// The shell scripts that carry out a cloud-config over SSH, one per step, each guarded by a
/// marker file so a retried bootstrap skips what already completed. All state lives under
/// `<workDirectory>/bootstrap`: `steps/<key>` markers, `written-files` (what deletion removes)
/// and the `bootstrap-success.complete` sentinel.
struct BootstrapScript: Sendable {
    /// One step: its name for conditions (`write_files[0]`, `runcmd[2]`), the script, and the
    /// bytes its stdin gets.
    struct Step: Sendable, Hashable {
        var name: String
        var script: String
        var input: [UInt8]
    }

    let directory: String

    init(workDirectory: String) {
        self.directory = (workDirectory.hasSuffix("/") ? String(workDirectory.dropLast()) : workDirectory) + "/bootstrap"
    }

    var sentinel: String { "\(directory)/bootstrap-success.complete" }
    var writtenFiles: String { "\(directory)/written-files" }

    /// Prints `complete` when the sentinel exists, else prepares the marker directory and
    /// prints `pending`.
    var status: String {
        "if [ -e \(q(sentinel)) ]; then echo complete; else mkdir -p \(q(directory + "/steps")) && echo pending; fi"
    }

    /// Writes the sentinel: bootstrap is complete.
    var finish: String { "touch \(q(sentinel))" }

    /// The steps of `config`, in order: every file, then every command.
    func steps(_ config: CloudConfig) -> [Step] {
        let files = config.writeFiles.enumerated().map { index, file in
            Step(
                name: "write_files[\(index)]",
                script: guarded(
                    key: key("file", index, file.path, file.content, "\(file.encoding)", file.permissions, file.owner ?? "", "\(file.append)"),
                    body: write(file), readsInput: true),
                input: Array(file.content.utf8))
        }
        let commands = config.runcmd.enumerated().map { index, command in
            let text: String
            switch command {
            case .shell(let script): text = "sh -c \(q(script))"
            case .argv(let words): text = words.map(q).joined(separator: " ")
            }
            return Step(name: "runcmd[\(index)]", script: guarded(key: key("cmd", index, text), body: "(cd / && \(text) </dev/null)"), input: [])
        }
        return files + commands
    }

    /// Runs `commands` in order, stopping at the first failure, then removes every file
    /// bootstrap wrote and the bootstrap state. Does nothing when bootstrap never started.
    func cleanup(_ commands: [String]) -> String {
        let run = commands.map { "(cd / && sh -c \(q($0)) </dev/null) || exit $?" }.joined(separator: "\n")
        return """
            [ -d \(q(directory)) ] || exit 0
            \(run)
            if [ -f \(q(writtenFiles)) ]; then while IFS= read -r f; do rm -f -- "$f"; done < \(q(writtenFiles)); fi
            rm -rf -- \(q(directory))
            """
    }

    private func write(_ file: CloudConfig.WriteFile) -> String {
        let decode: String
        switch file.encoding {
        case .plain: decode = "cat"
        case .base64: decode = "base64 -d"
        case .gzip: decode = "gzip -dc"
        case .gzipBase64: decode = "base64 -d | gzip -dc"
        }
        let path = q(file.path)
        let mode = file.permissions.count == 3 ? "0" + file.permissions : file.permissions
        let chown = file.owner.map { " && chown \(q($0)) \"$t\"" } ?? ""
        let place = file.append ? "cat \"$t\" >> \(path) && rm -f \"$t\" && chmod \(mode) \(path)" : "mv -f \"$t\" \(path)"
        return """
            mkdir -p "$(dirname \(path))" && t=\(q(file.path + ".mothership-tmp")) && \(decode) > "$t" && chmod \(mode) "$t"\(chown) && \(place) \
            && { grep -qxF \(path) \(q(writtenFiles)) 2>/dev/null || echo \(path) >> \(q(writtenFiles)); }
            """
    }

    /// `body` unless its marker exists. The body runs in a background subshell that outlives
    /// the SSH session: its output goes to files beside the marker (a cut connection cannot
    /// kill it through a broken pipe), it ignores SIGHUP, it keeps holding the step lock, and
    /// it writes the marker itself when it succeeds. The session waits for it and hands its
    /// output back. So a manager that dies mid-step (during `kubeadm join`, say) leaves the step
    /// running to its end, and the retry waits on the lock, then finds the marker.
    /// A step that `readsInput` gets the session's stdin, first saved to a file only root can
    /// read (it may hold a token), removed when the step ends.
    private func guarded(key: String, body: String, readsInput: Bool = false) -> String {
        let marker = q("\(directory)/steps/\(key)")
        let output = q("\(directory)/steps/\(key).out"), errors = q("\(directory)/steps/\(key).err")
        let input = readsInput ? q("\(directory)/steps/\(key).in") : "/dev/null"
        let saveInput = readsInput ? "mask=$(umask) && umask 077 && cat > \(input) && umask \"$mask\" || exit 125" : ""
        return """
            exec 9>>\(q(directory + "/steps/.lock")) && flock 9 || exit 125
            [ -e \(marker) ] && exit 0
            \(saveInput)
            (
            trap '' HUP PIPE
            \(body)
            rc=$?
            [ "$rc" -eq 0 ] && touch \(marker)
            exit "$rc"
            ) <\(input) >\(output) 2>\(errors) &
            wait $!
            rc=$?
            cat \(output); cat \(errors) >&2
            rm -f \(output) \(errors)\(readsInput ? " " + input : "")
            exit "$rc"
            """
    }

    private func key(_ parts: Any...) -> String {
        let digest = SHA256.hash(data: Data(parts.map { "\($0)" }.joined(separator: "\u{0}").utf8))
        return digest.prefix(10).map { String(format: "%02x", $0) }.joined()
    }

    private func q(_ text: String) -> String { SSHCommand.quote(text) }
}
