/// The first line of a state document: what it is, which version of the format, and where it came
/// from. A reader refuses another format and a newer version rather than guessing.
public struct StateDocumentHeader: Sendable, Equatable {
    /// The `format` every state document names.
    public static let format = "feedsync-state"
    /// The version this feedsync writes and the newest it reads.
    public static let currentVersion: Int64 = 1

    public var version: Int64 = Self.currentVersion
    /// The feedsync that wrote it (`BuildVersion.version`).
    public var feedsyncVersion: String
    /// `sqlite` or `postgresql`.
    public var store: String
    /// The store's schema version when it was exported.
    public var schema: Int64
    public var exported: Timestamp

    public init(feedsyncVersion: String, store: String, schema: Int64, exported: Timestamp) {
        self.feedsyncVersion = feedsyncVersion; self.store = store; self.schema = schema; self.exported = exported
    }

    var jsonValue: JSONValue {
        .object([("format", .string(Self.format)), ("version", .int(version)), ("feedsync", .string(feedsyncVersion)),
                 ("store", .string(store)), ("schema", .int(schema)), ("exported", .int(exported.seconds))])
    }

    /// Reads a header line's fields; refuses another format or a newer version before any other field.
    init(fields: inout StateLineFields) throws(StateDocumentError) {
        guard let format = fields.peekString("format"), format == Self.format else {
            throw StateDocumentError("not a feedsync state document (the first line must name \"format\": \"\(Self.format)\")")
        }
        _ = try fields.string("format")
        version = try fields.int("version")
        guard version <= Self.currentVersion else {
            throw StateDocumentError("the document is format version \(version), newer than this feedsync reads (\(Self.currentVersion)); import it with a newer feedsync")
        }
        guard version >= 1 else { throw StateDocumentError("format version \(version) does not exist") }
        feedsyncVersion = try fields.string("feedsync")
        store = try fields.string("store")
        schema = try fields.int("schema")
        exported = Timestamp(seconds: try fields.int("exported"))
        try fields.finish()
    }
}
