/// Rendered user data, ready for the `value` key of a bootstrap data Secret.
public struct UserData: Sendable, Hashable {
    /// The bytes the machine boots with.
    public var bytes: [UInt8]
    /// Whether the renderer had to compress to fit the size limit: for cloud-config `bytes` is then
    /// the gzip of the whole document (cloud-init unpacks it); for Ignition the files' contents are
    /// gzip-compressed inside the JSON.
    public var compressed: Bool
    /// The format of `bytes`, for the Secret's `format` key.
    public var format: BootstrapPlan.Format

    public init(bytes: [UInt8], compressed: Bool, format: BootstrapPlan.Format) {
        self.bytes = bytes
        self.compressed = compressed
        self.format = format
    }
}
