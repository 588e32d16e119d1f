import CSQLite

/// Owns one `sqlite3*` connection, closed in `deinit`. One per process (single writer).
public final class SQLiteDatabase {
    private let handle: OpaquePointer
    public let path: String

    public init(path: String) throws(SQLiteError) {
        var db: OpaquePointer?
        let flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX
        let rc = sqlite3_open_v2(path, &db, flags, nil)
        guard rc == SQLITE_OK, let db else {
            let msg = db.map { String(cString: sqlite3_errmsg($0)) } ?? "cannot open"
            if let db { sqlite3_close_v2(db) }
            throw SQLiteError(code: rc, message: "\(msg): \(path)")
        }
        handle = db
        self.path = path
        sqlite3_extended_result_codes(db, 1)
        sqlite3_busy_timeout(db, 5000)
    }

    deinit { sqlite3_close_v2(handle) }

    /// Runs one or more statements without results.
    public func execute(_ sql: String) throws(SQLiteError) {
        var err: UnsafeMutablePointer<CChar>?
        let rc = sqlite3_exec(handle, sql, nil, nil, &err)
        if rc != SQLITE_OK {
            let msg = err.map { String(cString: $0) } ?? lastMessage
            sqlite3_free(err)
            throw SQLiteError(code: rc, message: msg, sql: sql)
        }
    }

    public func prepare(_ sql: String) throws(SQLiteError) -> SQLiteStatement {
        var stmt: OpaquePointer?
        let rc = sqlite3_prepare_v3(handle, sql, -1, UInt32(SQLITE_PREPARE_PERSISTENT), &stmt, nil)
        guard rc == SQLITE_OK, let stmt else { throw SQLiteError(code: rc, message: lastMessage, sql: sql) }
        return SQLiteStatement(stmt, database: self, sql: sql)
    }

    /// Runs `body` in a transaction: committed if it returns, rolled back if it throws.
    public func transaction<T>(immediate: Bool = true, _ body: () throws -> T) throws -> T {
        try execute(immediate ? "BEGIN IMMEDIATE" : "BEGIN")
        do {
            let result = try body()
            try execute("COMMIT")
            return result
        } catch {
            // The body's error is the one to report. A failed ROLLBACK (the connection lost its
            // transaction already, e.g. after SQLITE_FULL) leaves nothing to undo: SQLite has
            // rolled back by itself.
            do { try execute("ROLLBACK") } catch let rollback { _ = rollback }
            throw error
        }
    }

    var lastMessage: String { String(cString: sqlite3_errmsg(handle)) }
    public var changes: Int { Int(sqlite3_changes(handle)) }
}

/// Owns one prepared statement, finalized in `deinit`. Reused across executions (`reset`).
public final class SQLiteStatement {
    private let stmt: OpaquePointer
    private unowned let database: SQLiteDatabase
    let sql: String

    init(_ stmt: OpaquePointer, database: SQLiteDatabase, sql: String) {
        self.stmt = stmt; self.database = database; self.sql = sql
    }

    deinit { sqlite3_finalize(stmt) }

    /// A bindable value.
    public enum Value {
        case null, int(Int64), double(Double), text(String)
    }

    private func bind(_ values: [Value]) throws(SQLiteError) {
        sqlite3_reset(stmt)
        sqlite3_clear_bindings(stmt)
        for (i, v) in values.enumerated() {
            let idx = Int32(i + 1)
            let rc: Int32
            switch v {
            case .null: rc = sqlite3_bind_null(stmt, idx)
            case let .int(x): rc = sqlite3_bind_int64(stmt, idx, x)
            case let .double(x): rc = sqlite3_bind_double(stmt, idx, x)
            case let .text(s): rc = sqlite3_bind_text(stmt, idx, s, -1, CSQLite_transient())
            }
            guard rc == SQLITE_OK else { throw SQLiteError(code: rc, message: database.lastMessage, sql: sql) }
        }
    }

    /// Executes a statement that returns no rows.
    public func run(_ values: [Value] = []) throws(SQLiteError) {
        try bind(values)
        let rc = sqlite3_step(stmt)
        sqlite3_reset(stmt)
        guard rc == SQLITE_DONE || rc == SQLITE_ROW else { throw SQLiteError(code: rc, message: database.lastMessage, sql: sql) }
    }

    /// Executes a query and calls `row` for each result row.
    public func query(_ values: [Value] = [], row: (Row) throws -> Void) throws {
        try bind(values)
        defer { sqlite3_reset(stmt) }
        while true {
            let rc = sqlite3_step(stmt)
            if rc == SQLITE_DONE { return }
            guard rc == SQLITE_ROW else { throw SQLiteError(code: rc, message: database.lastMessage, sql: sql) }
            try row(Row(stmt: stmt))
        }
    }

    /// A result row; valid only inside the `query` callback.
    public struct Row {
        let stmt: OpaquePointer
        public func int(_ i: Int32) -> Int64? {
            sqlite3_column_type(stmt, i) == SQLITE_NULL ? nil : sqlite3_column_int64(stmt, i)
        }
        public func double(_ i: Int32) -> Double? {
            sqlite3_column_type(stmt, i) == SQLITE_NULL ? nil : sqlite3_column_double(stmt, i)
        }
        public func text(_ i: Int32) -> String? {
            guard let p = sqlite3_column_text(stmt, i) else { return nil }
            return String(cString: p)
        }
    }
}
