/// The part of the Ignition v3 config schema the renderer writes. Optional fields left `nil` are
/// left out of the JSON.
struct IgnitionConfig: Encodable {
    /// The newest spec the Ignition of current Flatcar and Fedora CoreOS, and `ignition-validate`
    /// of Debian 12, all accept.
    static let specVersion = "3.3.0"

    struct Metadata: Encodable { var version = IgnitionConfig.specVersion }
    struct User: Encodable {
        var name: String
        var sshAuthorizedKeys: [String]
    }
    struct Passwd: Encodable { var users: [User] }
    struct Name: Encodable { var name: String }
    struct Contents: Encodable {
        /// A `data:` URL.
        var source: String
        /// `gzip` when the decoded `source` is gzip-compressed.
        var compression: String?
    }
    struct File: Encodable {
        var path: String
        /// The mode as a decimal number (`0644` is 420).
        var mode: Int
        var overwrite: Bool
        var contents: Contents
        var user: Name?
        var group: Name?
    }
    struct Storage: Encodable { var files: [File] }
    struct Unit: Encodable {
        var name: String
        var enabled: Bool
        var contents: String
    }
    struct Systemd: Encodable { var units: [Unit] }

    var ignition = Metadata()
    var passwd: Passwd?
    var storage: Storage
    var systemd: Systemd
}
