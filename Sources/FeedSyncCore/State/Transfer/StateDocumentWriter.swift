/// Writes a state document line by line (JSON Lines): the header, one line per record, and an `end`
/// line with the number of records, so a reader can tell a whole document from a cut-off one.
/// Pure: the caller writes each returned line (newline included) wherever it goes.
public struct StateDocumentWriter {
    public private(set) var records = 0

    public init() {}

    public func header(_ header: StateDocumentHeader) -> String { header.jsonValue.serialized() + "\n" }

    public mutating func line(_ record: StateRecord) -> String {
        records += 1
        return record.jsonValue.serialized() + "\n"
    }

    public func end() -> String {
        JSONValue.object([("type", .string("end")), ("records", .int(Int64(records)))]).serialized() + "\n"
    }
}
