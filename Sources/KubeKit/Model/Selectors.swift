import Foundation

/// A label selector, rendered in the API's query syntax (`app=web,tier!=db,env in (a,b),!legacy`).
/// Equality requirements can be written as a dictionary literal: `["app": "web"]`.
public struct LabelSelector: Sendable, Hashable, CustomStringConvertible, ExpressibleByDictionaryLiteral {
    /// One requirement on one label.
    public enum Requirement: Sendable, Hashable {
        case equals(String, String)
        case notEquals(String, String)
        case `in`(String, [String])
        case notIn(String, [String])
        case exists(String)
        case doesNotExist(String)
    }

    public var requirements: [Requirement]

    public init(_ requirements: [Requirement] = []) { self.requirements = requirements }

    public init(dictionaryLiteral elements: (String, String)...) {
        requirements = elements.map { .equals($0.0, $0.1) }
    }

    /// All requirements hold when every one of `labels` matches.
    public func matches(_ labels: [String: String]) -> Bool {
        requirements.allSatisfy { requirement in
            switch requirement {
            case .equals(let key, let value): return labels[key] == value
            case .notEquals(let key, let value): return labels[key] != value
            case .in(let key, let values): return labels[key].map(values.contains) ?? false
            case .notIn(let key, let values): return !(labels[key].map(values.contains) ?? false)
            case .exists(let key): return labels[key] != nil
            case .doesNotExist(let key): return labels[key] == nil
            }
        }
    }

    public var description: String {
        requirements.map { requirement in
            switch requirement {
            case .equals(let key, let value): return "\(key)=\(value)"
            case .notEquals(let key, let value): return "\(key)!=\(value)"
            case .in(let key, let values): return "\(key) in (\(values.joined(separator: ",")))"
            case .notIn(let key, let values): return "\(key) notin (\(values.joined(separator: ",")))"
            case .exists(let key): return key
            case .doesNotExist(let key): return "!\(key)"
            }
        }.joined(separator: ",")
    }
}

/// A field selector (`metadata.name=a,status.phase!=Running`). Only fields the server indexes
/// for the kind can be selected on (always `metadata.name` and `metadata.namespace`).
public struct FieldSelector: Sendable, Hashable, CustomStringConvertible, ExpressibleByDictionaryLiteral {
    public enum Requirement: Sendable, Hashable {
        case equals(String, String)
        case notEquals(String, String)
    }

    public var requirements: [Requirement]

    public init(_ requirements: [Requirement] = []) { self.requirements = requirements }

    public init(dictionaryLiteral elements: (String, String)...) {
        requirements = elements.map { .equals($0.0, $0.1) }
    }

    public var description: String {
        requirements.map { requirement in
            switch requirement {
            case .equals(let field, let value): return "\(field)=\(Self.escape(value))"
            case .notEquals(let field, let value): return "\(field)!=\(Self.escape(value))"
            }
        }.joined(separator: ",")
    }

    /// Escapes `\`, `,` and `=` in values, as the API's field selector parser expects.
    private static func escape(_ value: String) -> String {
        value.replacingOccurrences(of: "\\", with: "\\\\")
            .replacingOccurrences(of: ",", with: "\\,")
            .replacingOccurrences(of: "=", with: "\\=")
    }
}
