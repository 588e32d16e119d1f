/// Why a state document cannot be read: the line (1-based; nil for the document as a whole) and
/// the cause, for a message such as `line 12: item: "content_hash" is missing`.
public struct StateDocumentError: Error, Sendable, Equatable, CustomStringConvertible {
    public var line: Int?
    public var message: String

    public init(line: Int? = nil, _ message: String) {
        self.line = line; self.message = message
    }

    public var description: String { line.map { "line \($0): \(message)" } ?? message }
}
