/// One change delivered by a watch.
public enum WatchEvent<Object: Decodable & Sendable>: Sendable {
    case added(Object)
    case modified(Object)
    /// The object's last state before deletion.
    case deleted(Object)
    /// No change: the server's progress marker. Resume a later watch from this resourceVersion.
    case bookmark(resourceVersion: String)

    /// The resourceVersion to resume after this event, when the object carries one.
    public var resourceVersion: String? {
        switch self {
        case .added(let object), .modified(let object), .deleted(let object):
            return (object as? any KubeObject)?.metadata.resourceVersion
        case .bookmark(let resourceVersion):
            return resourceVersion
        }
    }
}

/// A watch event as the server frames it: `{"type": …, "object": …}`. `ERROR` events carry a
/// `Status` and become a thrown ``KubeError`` (``KubeError/Code/expired`` for a compacted
/// resourceVersion).
struct WatchFrame<Object: Decodable & Sendable>: Decodable {
    enum Content {
        case event(WatchEvent<Object>)
        case error(Status)
    }

    var content: Content

    private enum CodingKeys: String, CodingKey { case type, object }

    private struct Bookmark: Decodable {
        struct Metadata: Decodable { var resourceVersion: String? }
        var metadata: Metadata?
    }

    init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let type = try container.decode(String.self, forKey: .type)
        switch type {
        case "ADDED": content = .event(.added(try container.decode(Object.self, forKey: .object)))
        case "MODIFIED": content = .event(.modified(try container.decode(Object.self, forKey: .object)))
        case "DELETED": content = .event(.deleted(try container.decode(Object.self, forKey: .object)))
        case "BOOKMARK":
            let bookmark = try container.decode(Bookmark.self, forKey: .object)
            content = .event(.bookmark(resourceVersion: bookmark.metadata?.resourceVersion ?? ""))
        case "ERROR": content = .error(try container.decode(Status.self, forKey: .object))
        default:
            throw DecodingError.dataCorruptedError(
                forKey: .type, in: container, debugDescription: "unknown watch event type \(type)")
        }
    }
}
