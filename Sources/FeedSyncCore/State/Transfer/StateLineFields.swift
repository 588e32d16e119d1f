/// The fields of one line of a state document, taken one by one with a typed check each: a missing
/// or mistyped field, and any field left over (`finish`), is a `StateDocumentError` naming it.
/// Absent and `null` are the same for optional fields.
struct StateLineFields {
    private var values: [String: JSONValue]
    /// What the line is, for messages (`item`, `header`).
    var what: String

    init(_ values: [String: JSONValue], what: String) {
        self.values = values; self.what = what
    }

    func peekString(_ key: String) -> String? { values[key]?.stringValue }

    mutating func optionalString(_ key: String) throws(StateDocumentError) -> String? {
        switch values.removeValue(forKey: key) {
        case nil, .null?: return nil
        case let .string(s)?: return s
        default: throw problem(key, "is not a string")
        }
    }

    mutating func string(_ key: String) throws(StateDocumentError) -> String {
        guard let s = try optionalString(key) else { throw problem(key, "is missing") }
        return s
    }

    mutating func optionalInt(_ key: String) throws(StateDocumentError) -> Int64? {
        switch values.removeValue(forKey: key) {
        case nil, .null?: return nil
        case let .int(i)?: return i
        default: throw problem(key, "is not an integer")
        }
    }

    mutating func int(_ key: String) throws(StateDocumentError) -> Int64 {
        guard let i = try optionalInt(key) else { throw problem(key, "is missing") }
        return i
    }

    mutating func optionalTime(_ key: String) throws(StateDocumentError) -> Timestamp? {
        try optionalInt(key).map(Timestamp.init(seconds:))
    }

    mutating func time(_ key: String) throws(StateDocumentError) -> Timestamp { Timestamp(seconds: try int(key)) }

    mutating func optionalDouble(_ key: String) throws(StateDocumentError) -> Double? {
        switch values.removeValue(forKey: key) {
        case nil, .null?: return nil
        case let .int(i)?: return Double(i)
        case let .double(d)?: return d
        default: throw problem(key, "is not a number")
        }
    }

    /// Throws when a field was not taken: a misspelt or newer field is not silently dropped.
    func finish() throws(StateDocumentError) {
        if let extra = values.keys.sorted().first { throw problem(extra, "is not a field of a \(what) record") }
    }

    private func problem(_ key: String, _ message: String) -> StateDocumentError {
        StateDocumentError("\(what): \"\(key)\" \(message)")
    }
}
