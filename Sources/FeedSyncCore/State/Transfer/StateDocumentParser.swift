import Foundation

/// Reads a state document line by line, the other half of `StateDocumentWriter`: the header first
/// (another format or a newer version is refused there), then records, then the `end` line, whose
/// count must match; nothing may follow it. Each error names its line. Pure: lines in, records out.
public struct StateDocumentParser {
    public private(set) var header: StateDocumentHeader?
    /// The number of the last line given (1-based).
    public private(set) var lineNumber = 0
    public private(set) var records = 0
    private var ended = false
    private let decoder = JSONDecoder()

    public init() {}

    /// The record on the next line, or nil for the header and the end line.
    public mutating func parse(_ line: some Sequence<UInt8>) throws(StateDocumentError) -> StateRecord? {
        lineNumber += 1
        do {
            return try parseLine(Array(line))
        } catch var error {
            error.line = lineNumber
            throw error
        }
    }

    /// Throws unless the end line was read: the document was cut off.
    public func finish() throws(StateDocumentError) {
        if header == nil { throw StateDocumentError("the document is empty (no header line)") }
        if !ended {
            throw StateDocumentError("the document ends after line \(lineNumber) without its \"end\" line: it was cut off")
        }
    }

    private mutating func parseLine(_ bytes: [UInt8]) throws(StateDocumentError) -> StateRecord? {
        if ended { throw StateDocumentError("a line after the \"end\" line") }
        let object: [String: JSONValue]
        do {
            guard case let .object(pairs) = try decoder.decode(JSONValue.self, from: Data(bytes)) else {
                throw StateDocumentError("not a JSON object")
            }
            object = Dictionary(pairs, uniquingKeysWith: { first, _ in first })
        } catch let error as StateDocumentError {
            throw error
        } catch {
            throw StateDocumentError(bytes.isEmpty ? "an empty line" : "not valid JSON")
        }
        guard header != nil else {
            var fields = StateLineFields(object, what: "header")
            header = try StateDocumentHeader(fields: &fields)
            return nil
        }
        guard case let .string(type)? = object["type"] else { throw StateDocumentError("\"type\" is missing") }
        var fields = StateLineFields(object, what: type)
        _ = try fields.string("type")
        if type == "end" {
            let count = try fields.int("records")
            try fields.finish()
            guard count == records else {
                throw StateDocumentError("the end line counts \(count) records, but \(records) came before it")
            }
            ended = true
            return nil
        }
        guard let record = try StateRecord(type: type, fields: &fields) else {
            throw StateDocumentError("unknown record type \"\(type)\"")
        }
        records += 1
        return record
    }
}
