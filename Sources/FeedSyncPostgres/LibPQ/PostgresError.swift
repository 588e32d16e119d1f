/// A failed libpq call: the SQLSTATE the server sent (nil when the failure is the connection's
/// own), libpq's message, and the statement that failed. Never carries the connection string.
public struct PostgresError: Error, Sendable, CustomStringConvertible {
    /// Five-character SQLSTATE (PostgreSQL manual, Appendix A), nil for client-side failures.
    public var sqlState: String?
    public var message: String
    public var sql: String?
    /// The connection was lost or could not be made: the server is down or restarting.
    public var connectionLost: Bool

    public init(sqlState: String? = nil, message: String, sql: String? = nil, connectionLost: Bool = false) {
        self.sqlState = sqlState; self.message = message; self.sql = sql; self.connectionLost = connectionLost
    }

    public var description: String {
        var s = "PostgreSQL"
        if let sqlState { s += " \(sqlState)" }
        s += ": \(message)"
        if let sql { s += " (in: \(sql.prefix(120)))" }
        return s
    }

    /// 23505 unique_violation: another node committed the same delivery first.
    public var isUniqueViolation: Bool { sqlState == "23505" }
    /// Class 08 (connection exception), 57P01-57P03 (admin shutdown, crash shutdown, cannot connect
    /// now): a database restart, which the caller waits out.
    public var isTransient: Bool {
        if connectionLost { return true }
        guard let s = sqlState else { return false }
        return s.hasPrefix("08") || s.hasPrefix("57P") || s == "40001" || s == "40P01"
    }
    /// The database cannot be reached (as opposed to a statement that failed on a live server).
    public var isUnreachable: Bool {
        connectionLost || sqlState.map { $0.hasPrefix("08") || $0.hasPrefix("57P") } ?? false
    }
}
