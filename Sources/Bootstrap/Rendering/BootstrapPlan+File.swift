extension BootstrapPlan {
    /// A file written on the machine before any command runs.
    public struct File: Sendable, Hashable {
        /// How `content` is encoded; the file on disk always holds the decoded bytes.
        public enum Encoding: String, Sendable, Hashable, CaseIterable {
            /// `content` is the file's text.
            case plain
            /// `content` is the file's bytes in base64.
            case base64
            /// `content` is the gzip of the file's bytes, in base64.
            case gzipBase64
        }

        /// The absolute path, without `..` components.
        public var path: String
        /// The resolved content, encoded per `encoding`.
        public var content: String
        /// Octal mode such as `0644`; `nil` for the format's default (`0644`).
        public var permissions: String?
        /// `user` or `user:group` such as `root:root`; `nil` for root.
        public var owner: String?
        /// How `content` is encoded.
        public var encoding: Encoding

        public init(path: String, content: String, permissions: String? = nil, owner: String? = nil, encoding: Encoding = .plain) {
            self.path = path
            self.content = content
            self.permissions = permissions
            self.owner = owner
            self.encoding = encoding
        }
    }
}
