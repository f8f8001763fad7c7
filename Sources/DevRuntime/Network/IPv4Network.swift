/// An IPv4 network such as `10.244.0.0/24`: the pods' address range.
struct IPv4Network: Sendable, Hashable {
    /// The network address, host order.
    var base: UInt32
    var prefixLength: Int

    init(_ cidr: String) throws {
        let parts = cidr.split(separator: "/")
        guard parts.count == 2, let prefix = Int(parts[1]), (16...30).contains(prefix),
            let address = Self.parse(String(parts[0]))
        else {
            throw DevRuntimeError(.configuration, "pod CIDR \(cidr) is not an IPv4 network with a prefix of /16 to /30")
        }
        let mask: UInt32 = prefix == 0 ? 0 : ~UInt32(0) << (32 - prefix)
        base = address & mask
        prefixLength = prefix
    }

    /// The bridge's address: the first host address.
    var gateway: UInt32 { base + 1 }
    /// Addresses pods may get: after the gateway, before the broadcast address.
    var podAddresses: ClosedRange<UInt32> { (base + 2)...(base + (UInt32(1) << (32 - prefixLength)) - 2) }

    func contains(_ address: UInt32) -> Bool { address & ~((UInt32(1) << (32 - prefixLength)) - 1) == base }

    var description: String { "\(Self.format(base))/\(prefixLength)" }

    static func parse(_ text: String) -> UInt32? {
        let octets = text.split(separator: ".", omittingEmptySubsequences: false).compactMap { UInt8($0) }
        guard octets.count == 4 else { return nil }
        return octets.reduce(0) { $0 << 8 | UInt32($1) }
    }

    static func format(_ address: UInt32) -> String {
        [24, 16, 8, 0].map { String((address >> UInt32($0)) & 0xFF) }.joined(separator: ".")
    }
}
