/// Moving a whole state between stores (`feedsync state export|import`), implemented by the SQLite
/// and the PostgreSQL store. Records stream: neither side holds the whole state in memory.
public protocol StateTransfer: AnyObject {
    /// `sqlite` or `postgresql`, for the document's header.
    var storeKind: String { get }
    /// The schema version after migration.
    var schemaVersion: Int { get }
    /// What the state holds that an import would mix with, by table (only non-zero counts): empty
    /// for a new state.
    func contents() throws -> [String: Int]
    /// Every record, from one consistent read. Throws `StateUnsettledError` while a delivery is
    /// unsettled (pending publications or legacy intents): recovery settles it first.
    func exportRecords(_ emit: (StateRecord) throws -> Void) throws
    /// One transaction: throws `StateNotEmptyError` unless `contents()` is empty in it, then writes
    /// every record `produce` hands to its argument; nothing is written if anything throws. A
    /// record the state refuses (given twice) throws `StateRecordRefusedError`, possibly only at a
    /// later write or at the end (a store may write in batches).
    func importRecords(_ produce: (_ write: (StateRecord) throws -> Void) throws -> Void) throws
}

/// An import into a state that already holds something: refused, never merged.
public struct StateNotEmptyError: Error, CustomStringConvertible {
    public var contents: [String: Int]
    public init(contents: [String: Int]) { self.contents = contents }

    public var description: String {
        let held = contents.sorted { $0.key < $1.key }.map { "\($0.value) \($0.key)" }.joined(separator: ", ")
        return "the state is not empty (\(held)): import only into a new state"
    }
}

/// An export while a delivery is unsettled: the document would record items whose files may never
/// be published.
public struct StateUnsettledError: Error, CustomStringConvertible {
    public var pending: Int
    public init(pending: Int) { self.pending = pending }

    public var description: String {
        "\(pending) publications of an interrupted delivery are not settled yet"
    }
}

/// A record the state would not take (its key was given before), by its number in the order written
/// (1-based): the record on line `record + 1` of a document.
public struct StateRecordRefusedError: Error, CustomStringConvertible {
    public var record: Int
    public var cause: Error
    public init(record: Int, cause: Error) { self.record = record; self.cause = cause }

    public var description: String { "record \(record): \(cause)" }
}
