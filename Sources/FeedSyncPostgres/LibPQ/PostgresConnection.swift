import CLibPQ
import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Owns one `PGconn*`, finished in `deinit`. A lost connection (the server restarted) is reset
/// before the next statement, so callers retry a failed operation rather than reopen.
///
/// One statement (or transaction) at a time, whatever thread calls: a `PGconn` used by two threads
/// at once gives one thread's reply to the other, and the second waits forever for a reply the
/// server has already sent. The lock is recursive because `transaction` runs statements inside.
public final class PostgresConnection: @unchecked Sendable {
    private let handle: OpaquePointer
    private let lock = NSRecursiveLock()
    /// The URL with any password removed, for messages.
    public let displayURL: String

    /// A bindable parameter: text, or SQL NULL.
    public typealias Value = String?

    /// - Parameters:
    ///   - url: a `postgresql://` URL or a `key=value` connection string (libpq's own syntax).
    ///   - password: overrides any in the URL; nil leaves it to the URL, `PGPASSWORD` or `~/.pgpass`.
    public init(url: String, password: String?, displayURL: String) throws(PostgresError) {
        self.displayURL = displayURL
        // expand_dbname = 1: the URL in "dbname" is parsed as a full connection string, and the
        // keywords after it (the password) override what it says (libpq manual, PQconnectdbParams).
        // Server-side bounds: a session stuck in a transaction, a statement or a lock wait fails
        // (and is retried) instead of holding rows other nodes need; keepalives find a dead peer.
        var keys = ["dbname", "application_name", "connect_timeout", "options", "keepalives_idle"]
        var values = [url, "feedsync", "10",
                      "-c statement_timeout=30s -c lock_timeout=10s -c idle_in_transaction_session_timeout=15s", "30"]
        if let password { keys.append("password"); values.append(password) }
        let conn: OpaquePointer? = Self.withCStrings(keys) { k in
            Self.withCStrings(values) { v in PQconnectdbParams(k, v, 1) }
        }
        guard let conn else { throw PostgresError(message: "out of memory opening \(displayURL)", connectionLost: true) }
        guard PQstatus(conn) == CONNECTION_OK else {
            let message = String(cString: PQerrorMessage(conn)).trimmingSpaces
            PQfinish(conn)
            throw PostgresError(message: "cannot connect to \(displayURL): \(message)", connectionLost: true)
        }
        handle = conn
        // Notices (e.g. "relation already exists, skipping") are not errors; keep them off stderr.
        PQsetNoticeProcessor(conn, { _, _ in }, nil)
    }

    deinit { PQfinish(handle) }

    /// Runs one statement with text parameters ($1, $2, ...) and returns its result.
    @discardableResult
    public func execute(_ sql: String, _ params: [Value] = []) throws(PostgresError) -> PostgresResult {
        lock.lock(); defer { lock.unlock() }
        try reconnectIfLost()
        let raw: OpaquePointer? = Self.withOptionalCStrings(params) { p in
            PQexecParams(handle, sql, Int32(params.count), nil, p, nil, nil, 0)
        }
        guard let raw else { throw lostError(sql) }
        let result = PostgresResult(raw)
        switch PQresultStatus(raw) {
        case PGRES_COMMAND_OK, PGRES_TUPLES_OK, PGRES_EMPTY_QUERY:
            return result
        default:
            let state = PQresultErrorField(raw, Int32(UInt8(ascii: "C"))).map { String(cString: $0) }
            let message = PQresultErrorField(raw, Int32(UInt8(ascii: "M"))).map { String(cString: $0) }
                ?? String(cString: PQerrorMessage(handle)).trimmingSpaces
            throw PostgresError(sqlState: state, message: message, sql: sql,
                                connectionLost: state == nil && PQstatus(handle) != CONNECTION_OK)
        }
    }

    /// Several statements without parameters in one round trip (migrations).
    public func executeScript(_ sql: String) throws(PostgresError) {
        lock.lock(); defer { lock.unlock() }
        try reconnectIfLost()
        guard let raw = PQexec(handle, sql) else { throw lostError(sql) }
        let result = PostgresResult(raw)
        let status = PQresultStatus(raw)
        if status != PGRES_COMMAND_OK && status != PGRES_TUPLES_OK {
            let state = PQresultErrorField(raw, Int32(UInt8(ascii: "C"))).map { String(cString: $0) }
            throw PostgresError(sqlState: state, message: String(cString: PQerrorMessage(handle)).trimmingSpaces, sql: sql,
                                connectionLost: state == nil && PQstatus(handle) != CONNECTION_OK)
        }
        _ = result
    }

    /// Runs `body` in a transaction: committed if it returns, rolled back if it throws.
    public func transaction<T>(_ body: () throws -> T) throws -> T {
        lock.lock(); defer { lock.unlock() }
        try execute("BEGIN")
        do {
            let value = try body()
            try execute("COMMIT")
            return value
        } catch {
            // The body's error is the one to report; a lost connection has rolled back by itself.
            do { try execute("ROLLBACK") } catch let rollback { _ = rollback }
            throw error
        }
    }

    /// Whether the connection is usable now (after a reset if it was lost).
    public var isConnected: Bool {
        lock.lock(); defer { lock.unlock() }
        return PQstatus(handle) == CONNECTION_OK
    }

    private func reconnectIfLost() throws(PostgresError) {
        guard PQstatus(handle) != CONNECTION_OK else { return }
        PQreset(handle)
        guard PQstatus(handle) == CONNECTION_OK else {
            let message = String(cString: PQerrorMessage(handle)).trimmingSpaces
            throw PostgresError(message: "cannot reconnect to \(displayURL): \(message)", connectionLost: true)
        }
    }

    private func lostError(_ sql: String) -> PostgresError {
        PostgresError(message: String(cString: PQerrorMessage(handle)).trimmingSpaces, sql: sql, connectionLost: true)
    }

    private static func withCStrings<R>(_ strings: [String], _ body: ([UnsafePointer<CChar>?]) -> R) -> R {
        withOptionalCStrings(strings, body)
    }

    /// `strdup`ed copies live for the call; a nil entry stays NULL (SQL NULL for a parameter).
    private static func withOptionalCStrings<R>(_ strings: [String?], _ body: ([UnsafePointer<CChar>?]) -> R) -> R {
        let copies: [UnsafeMutablePointer<CChar>?] = strings.map { $0.map { strdup($0) } ?? nil }
        defer { for c in copies { free(c) } }
        return body(copies.map { $0.map { UnsafePointer($0) } } + [nil])
    }
}

extension String {
    var trimmingSpaces: String {
        var s = Substring(self)
        while let last = s.last, last.isWhitespace { s.removeLast() }
        return String(s)
    }
}
