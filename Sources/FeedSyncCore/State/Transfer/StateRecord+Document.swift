/// A record as one line of a state document, and back. Times are whole seconds since the epoch (as
/// the stores keep them); a fingerprint is its 64 bits in 16 hex digits; absent values are omitted.
extension StateRecord {
    var jsonValue: JSONValue {
        var out: [(String, JSONValue)] = [("type", .string(type))]
        switch self {
        case let .source(s):
            out += s.documentFields
        case let .item(source, it, revision):
            out.append(("source", .string(source)))
            out.append(("key", .string(it.key)))
            if let v = it.linkCanonical { out.append(("link_canonical", .string(v))) }
            if let v = it.titleDate { out.append(("title_date", .string(v))) }
            out += [("content_hash", .string(it.contentHash)), ("first_seen", .int(it.firstSeen.seconds)),
                     ("last_seen", .int(it.lastSeen.seconds))]
            if let v = it.file { out.append(("file", .string(v))) }
            out.append(("revision", .int(revision)))
        case let .fingerprint(r):
            out += [("source", .string(r.source)), ("id", .string(r.id)),
                    ("fingerprint", .string(Self.hex(r.fingerprint))), ("time", .int(r.time.seconds))]
        case let .pageText(source, key, text):
            out += [("source", .string(source)), ("key", .string(key)), ("text", .string(text))]
        case let .boilerplate(source, l):
            out += [("source", .string(source)), ("hash", .string(l.hash)), ("first_item", .string(l.firstItem)),
                    ("items", .int(Int64(l.items))), ("occurrences", .int(Int64(l.occurrences))),
                    ("last_seen", .int(l.lastSeen.seconds))]
        case let .spoolName(name):
            out.append(("name", .string(name)))
        }
        return .object(out)
    }

    /// The record a line's fields describe (`type` already taken); nil for a type this version
    /// does not know.
    init?(type: String, fields f: inout StateLineFields) throws(StateDocumentError) {
        switch type {
        case "source":
            self = .source(try SourceState(documentFields: &f))
        case "item":
            let source = try f.string("source")
            let item = KnownItem(key: try f.string("key"), linkCanonical: try f.optionalString("link_canonical"),
                                 titleDate: try f.optionalString("title_date"), contentHash: try f.string("content_hash"),
                                 firstSeen: try f.time("first_seen"), lastSeen: try f.time("last_seen"),
                                 file: try f.optionalString("file"))
            self = .item(source: source, item: item, revision: try f.optionalInt("revision") ?? 0)
        case "fingerprint":
            let source = try f.string("source"), id = try f.string("id"), text = try f.string("fingerprint")
            guard text.utf8.count == 16, let bits = UInt64(text, radix: 16) else {
                throw StateDocumentError("fingerprint: \"fingerprint\" is not 16 hex digits")
            }
            self = .fingerprint(DuplicateRecord(id: id, source: source, fingerprint: bits, time: try f.time("time")))
        case "page_text":
            self = .pageText(source: try f.string("source"), key: try f.string("key"), text: try f.string("text"))
        case "boilerplate":
            let source = try f.string("source")
            let line = BoilerplateLine(hash: try f.string("hash"), firstItem: try f.string("first_item"),
                                       items: Int(try f.int("items")), occurrences: Int(try f.int("occurrences")),
                                       lastSeen: try f.time("last_seen"))
            self = .boilerplate(source: source, line: line)
        case "spool_name":
            self = .spoolName(try f.string("name"))
        default:
            return nil
        }
        try f.finish()
    }

    private static func hex(_ v: UInt64) -> String {
        let digits = String(v, radix: 16)
        return String(repeating: "0", count: 16 - digits.count) + digits
    }
}
