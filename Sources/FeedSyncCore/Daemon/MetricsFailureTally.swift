/// Counts failed polls per source for `feedsync_source_failures_total`.
///
/// The state keeps only consecutive failures, so the running total lives in the metrics file
/// itself: each write reads the previous file's totals and last-attempt times and adds what happened
/// since. A source whose last attempt is newer than the one the previous file saw and failed adds
/// the failures since then: the growth of its consecutive failures, or all of them when it
/// succeeded in between (they restarted from 0). Deleting the file resets the counter, which
/// Prometheus' `rate()` and `increase()` handle as a counter reset.
public enum MetricsFailureTally {
    /// What the previous metrics file said about one source.
    public struct Previous: Sendable, Equatable {
        public var failures: Int64
        public var lastAttempt: Int64?
        public var consecutiveFailures: Int64?
        public init(failures: Int64, lastAttempt: Int64?, consecutiveFailures: Int64?) {
            self.failures = failures; self.lastAttempt = lastAttempt; self.consecutiveFailures = consecutiveFailures
        }
    }

    public static func totals(previous: [String: Previous], sources: [(name: String, state: SourceState?)]) -> [String: Int64] {
        var out: [String: Int64] = [:]
        for (name, state) in sources {
            let before = previous[name]
            var total = before?.failures ?? 0
            if let state, let attempt = state.lastAttempt, state.consecutiveFailures > 0,
               before?.lastAttempt.map({ attempt.seconds > $0 }) ?? true {
                let now = Int64(state.consecutiveFailures)
                let then = before?.consecutiveFailures ?? 0
                let added = now > then ? now - then : now
                total = total.addingReportingOverflow(added).overflow ? Int64.max : total + added
            }
            out[name] = total
        }
        return out
    }

    /// Reads the three families it needs from a metrics file this renderer wrote.
    public static func parse(_ text: String) -> [String: Previous] {
        var out: [String: Previous] = [:]
        for line in text.split(separator: "\n") where !line.hasPrefix("#") {
            guard let open = line.firstIndex(of: "{"), let close = line.lastIndex(of: "}"), open < close,
                  let value = Int64(line[line.index(after: close)...].trimmingCharacters(in: .whitespaces)) else { continue }
            let family = line[..<open]
            let labels = line[line.index(after: open)..<close]
            guard labels.hasPrefix("source=\""), labels.hasSuffix("\"") else { continue }
            let name = unescapeLabel(labels.dropFirst("source=\"".count).dropLast())
            var p = out[name] ?? Previous(failures: 0, lastAttempt: nil, consecutiveFailures: nil)
            switch family {
            case "feedsync_source_failures_total": p.failures = value
            case "feedsync_source_last_attempt_timestamp_seconds": p.lastAttempt = value
            case "feedsync_source_consecutive_failures": p.consecutiveFailures = value
            default: continue
            }
            out[name] = p
        }
        return out
    }

    /// The inverse of `MetricsRenderer.escapeLabel`.
    static func unescapeLabel(_ s: Substring) -> String {
        var out = ""
        var escaped = false
        for c in s {
            if escaped {
                out.append(c == "n" ? "\n" : c)
                escaped = false
            } else if c == "\\" {
                escaped = true
            } else {
                out.append(c)
            }
        }
        return out
    }
}
