/// Makes command output safe for a condition: the last lines only, with anything that may be a
/// secret replaced by `<redacted>` — words that occur in the files bootstrap wrote, tokens and
/// keys by their shape, and the value after `token=`, `password:` and the like.
struct Redaction: Sendable {
    /// Words (8+ characters) of the user data's file contents.
    private let secrets: Set<Substring>

    init(fileContents: [String]) {
        var secrets = Set<Substring>()
        for content in fileContents {
            for word in content.split(whereSeparator: { $0.isWhitespace || $0 == "\"" || $0 == "'" }) where word.count >= 8 {
                secrets.insert(word)
            }
        }
        self.secrets = secrets
    }

    /// The last `lines` lines of `text` (at most `characters`), redacted.
    func tail(_ text: String, lines: Int = 8, characters: Int = 600) -> String {
        let kept = text.split(separator: "\n", omittingEmptySubsequences: true).suffix(lines).joined(separator: "\n")
        return String(redact(kept).suffix(characters))
    }

    func redact(_ text: String) -> String {
        var text = text
        text.replace(/-----BEGIN [A-Z ]+-----[\s\S]*?(-----END [A-Z ]+-----|$)/, with: "<redacted>")
        text.replace(/(?i)((?:token|password|passwd|secret|key)[a-z_-]*)(\s*[=:]\s*|\s+)\S+/) { "\($0.output.1)\($0.output.2)<redacted>" }
        text.replace(/\b[a-z0-9]{6}\.[a-z0-9]{16}\b/, with: "<redacted>")
        text.replace(/[A-Za-z0-9+\/=_-]{32,}/, with: "<redacted>")
        guard !secrets.isEmpty else { return text }
        return text.split(separator: "\n", omittingEmptySubsequences: false).map { line in
            line.split(separator: " ", omittingEmptySubsequences: false).map { secrets.contains($0) ? "<redacted>" : String($0) }
                .joined(separator: " ")
        }.joined(separator: "\n")
    }
}
