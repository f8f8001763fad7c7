/// One address of a machine (`clusterv1.MachineAddress`).
public struct MachineAddress: Codable, Sendable, Hashable {
    /// The kind of address.
    public enum AddressType: String, Codable, Sendable, Hashable {
        case hostname = "Hostname"
        case externalIP = "ExternalIP"
        case internalIP = "InternalIP"
        case externalDNS = "ExternalDNS"
        case internalDNS = "InternalDNS"
    }

    public var type: AddressType
    public var address: String

    public init(type: AddressType, address: String) {
        self.type = type
        self.address = address
    }
}
