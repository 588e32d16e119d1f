import CSQLite

/// A failed SQLite call: the result code, SQLite's own message and the statement that failed.
public struct SQLiteError: Error, Sendable, CustomStringConvertible {
    public var code: Int32
    public var message: String
    public var sql: String?

    public var description: String {
        var s = "SQLite error \(code): \(message)"
        if let sql { s += " (in: \(sql.prefix(120)))" }
        return s
    }

    /// True for "disk full" and I/O errors: an environmental failure, not a bug.
    public var isStorageFailure: Bool {
        let primary = code & 0xFF
        return primary == SQLITE_FULL || primary == SQLITE_IOERR || primary == SQLITE_READONLY || primary == SQLITE_CANTOPEN
    }

    /// True when a statement broke a key or another constraint (a row given twice).
    public var isConstraintViolation: Bool { code & 0xFF == SQLITE_CONSTRAINT }
}
