/// Characters no shell treats specially in a word.
private let plainShellCharacters = Set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_./:=,+@%-")

extension String {
    /// This string as one shell word: unchanged when every character is plain, else in single
    /// quotes (an embedded `'` written as `'\''`).
    var shellQuoted: String {
        if !isEmpty, allSatisfy(plainShellCharacters.contains) { return self }
        return "'" + replacing("'", with: #"'\''"#) + "'"
    }
}
