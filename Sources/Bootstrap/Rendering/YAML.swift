import KubeKit

/// YAML with sorted keys for everything the renderer writes, so the same plan gives the same bytes.
enum YAML {
    static func encode(_ document: JSONValue) throws(UserDataError) -> String {
        do {
            return try YAMLDocuments.encode([document])
        } catch {
            throw .encodingFailed("YAML")
        }
    }
}
