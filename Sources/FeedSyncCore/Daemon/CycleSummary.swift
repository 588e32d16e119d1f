/// Counts of one sync cycle, for the `STATUS=` line systemd shows, the log and the metrics file.
public struct CycleSummary: Sendable, Equatable {
    public var polled = 0
    public var ok = 0
    public var unchanged = 0
    public var failed = 0
    public var skipped = 0
    public var newItems = 0
    public var updatedItems = 0

    public init() {}

    public mutating func add(_ r: SourceReport) {
        polled += 1
        switch r.status {
        case .ok: ok += 1
        case .unchanged: unchanged += 1
        case .failed: failed += 1
        case .skipped: skipped += 1
        }
        newItems += r.newItems
        updatedItems += r.updatedItems
    }

    /// One line, e.g. `12 polled in 1.3s (10 ok, 1 unchanged, 1 failed), 37 new items; 500 sources,
    /// 3 failing; next poll 2026-11-24T09:00:00Z`.
    public func statusLine(duration: Double, sources: Int, failing: Int, nextPoll: Timestamp?) -> String {
        var s = "\(polled) polled in \(Self.seconds(duration)) (\(ok) ok, \(unchanged) unchanged, \(failed) failed"
        if skipped > 0 { s += ", \(skipped) skipped" }
        s += "), \(newItems) new item\(newItems == 1 ? "" : "s")"
        if updatedItems > 0 { s += ", \(updatedItems) updated" }
        s += "; \(sources) source\(sources == 1 ? "" : "s"), \(failing) failing"
        if let nextPoll { s += "; next poll \(nextPoll.rfc3339)" }
        return s
    }

    static func seconds(_ d: Double) -> String {
        let tenths = Int((d * 10).rounded())
        return "\(tenths / 10).\(tenths % 10)s"
    }
}
