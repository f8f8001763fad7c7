/// Building command lines for a POSIX shell on the remote side.
public enum SSHCommand {
    /// `text` as one shell word: single-quoted, embedded quotes escaped.
    public static func quote(_ text: String) -> String {
        "'" + text.replacingOccurrences(of: "'", with: "'\\''") + "'"
    }

    /// `script` run by `sh -c`, through `sudo -n` (never prompting for a password: a missing
    /// sudo rule fails at once) when `sudo` is true.
    public static func shell(_ script: String, sudo: Bool) -> String {
        let command = "sh -c \(quote(script))"
        return sudo ? "sudo -n -- \(command)" : command
    }
}
