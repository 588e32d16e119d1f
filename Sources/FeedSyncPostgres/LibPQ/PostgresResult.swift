import CLibPQ

/// Owns one `PGresult*`, cleared in `deinit`. Values are read as text (the text result format).
public final class PostgresResult {
    private let handle: OpaquePointer

    init(_ handle: OpaquePointer) { self.handle = handle }

    deinit { PQclear(handle) }

    public var rowCount: Int { Int(PQntuples(handle)) }
    public var columnCount: Int { Int(PQnfields(handle)) }
    /// Rows a command touched (`UPDATE`, `INSERT ... ON CONFLICT DO NOTHING`), 0 for none.
    public var affectedRows: Int { Int(String(cString: PQcmdTuples(handle))) ?? 0 }

    public func text(_ row: Int, _ column: Int) -> String? {
        guard row < rowCount, column < columnCount else { return nil }
        let r = Int32(row), c = Int32(column)
        if PQgetisnull(handle, r, c) != 0 { return nil }
        return String(cString: PQgetvalue(handle, r, c))
    }

    public func int(_ row: Int, _ column: Int) -> Int64? { text(row, column).flatMap { Int64($0) } }
    public func double(_ row: Int, _ column: Int) -> Double? { text(row, column).flatMap { Double($0) } }

    /// Every row as a `Row` view, for `for row in result.rows`.
    public var rows: [Row] { (0..<rowCount).map { Row(result: self, index: $0) } }

    /// One row of a result, read by column index.
    public struct Row {
        let result: PostgresResult
        let index: Int
        public func text(_ c: Int) -> String? { result.text(index, c) }
        public func int(_ c: Int) -> Int64? { result.int(index, c) }
        public func double(_ c: Int) -> Double? { result.double(index, c) }
    }
}
