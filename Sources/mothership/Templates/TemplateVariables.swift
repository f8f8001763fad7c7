/// clusterctl's variable rules for cluster templates and components YAML: `${NAME}` is
/// replaced by the variable's value, `${NAME:=default}` and `${NAME:-default}` by the default
/// when the variable is unset or empty, `${NAME=default}` and `${NAME-default}` only when it is
/// unset. Anything else — `$NAME` without braces, shell text — is left alone.
struct TemplateVariables {
    /// One `${…}` reference in a template.
    struct Reference: Hashable {
        var name: String
        /// The default, if the reference has one.
        var fallback: String?
        /// Whether the default also replaces an empty value (`:=`, `:-`).
        var fallbackWhenEmpty = false
    }

    private enum Piece {
        case text(Substring)
        case reference(Reference)
    }

    private let pieces: [Piece]

    /// Parses `template`; a `${` without its closing `}` or with an invalid name is an error
    /// naming the line.
    init(parsing template: String) throws(TemplateError) {
        var pieces: [Piece] = []
        var rest = template[...]
        while let start = rest.range(of: "${") {
            pieces.append(.text(rest[..<start.lowerBound]))
            let body = rest[start.upperBound...]
            guard let end = body.firstIndex(of: "}") else {
                throw .unclosed(line: template[..<start.lowerBound].filter { $0 == "\n" }.count + 1)
            }
            pieces.append(.reference(try Self.reference(body[..<end], line: template[..<start.lowerBound].filter { $0 == "\n" }.count + 1)))
            rest = body[body.index(after: end)...]
        }
        pieces.append(.text(rest))
        self.pieces = pieces
    }

    private static func reference(_ body: Substring, line: Int) throws(TemplateError) -> Reference {
        let nameEnd = body.firstIndex { !($0.isLetter || $0.isNumber || $0 == "_") } ?? body.endIndex
        let name = String(body[..<nameEnd])
        guard let first = name.first, first.isLetter || first == "_", name.allSatisfy(\.isASCII) else {
            throw .invalidName(String(body), line: line)
        }
        let operation = body[nameEnd...]
        for (prefix, whenEmpty) in [(":=", true), (":-", true), ("=", false), ("-", false)] where operation.hasPrefix(prefix) {
            return Reference(name: name, fallback: String(operation.dropFirst(prefix.count)), fallbackWhenEmpty: whenEmpty)
        }
        guard operation.isEmpty else { throw .invalidName(String(body), line: line) }
        return Reference(name: name, fallback: nil)
    }

    /// The variables the template uses, each once, in order of first use.
    var references: [Reference] {
        var seen = Set<String>()
        return pieces.compactMap { piece in
            guard case .reference(let reference) = piece, seen.insert(reference.name).inserted else { return nil }
            return reference
        }
    }

    /// The variables without a default that `values` lacks, sorted.
    func missing(in values: [String: String]) -> [String] {
        Set(pieces.compactMap { piece -> String? in
            guard case .reference(let reference) = piece, reference.fallback == nil, values[reference.name] == nil else { return nil }
            return reference.name
        }).sorted()
    }

    /// The template with every reference replaced; all missing variables are named together.
    func render(_ values: [String: String]) throws(TemplateError) -> String {
        let missing = missing(in: values)
        guard missing.isEmpty else { throw .missingVariables(missing) }
        var output = ""
        for piece in pieces {
            switch piece {
            case .text(let text):
                output += text
            case .reference(let reference):
                let value = values[reference.name]
                if let fallback = reference.fallback, value == nil || (reference.fallbackWhenEmpty && value?.isEmpty == true) {
                    output += fallback
                } else {
                    output += value ?? ""
                }
            }
        }
        return output
    }
}

/// Why a template cannot be rendered.
enum TemplateError: Error, Equatable, CustomStringConvertible {
    /// Variables without defaults that have no value.
    case missingVariables([String])
    /// A `${` never closed, on this line.
    case unclosed(line: Int)
    /// `${…}` whose content is not a variable reference.
    case invalidName(String, line: Int)

    var description: String {
        switch self {
        case .missingVariables(let names):
            return "value for variables [\(names.joined(separator: ", "))] is not set; set them in the environment or the clusterctl config file"
        case .unclosed(let line):
            return "line \(line): '${' without a closing '}'"
        case .invalidName(let text, let line):
            return "line \(line): '${\(text)}' is not a variable reference"
        }
    }
}
