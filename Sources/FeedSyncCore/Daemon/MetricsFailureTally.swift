/// Counts failed polls per source for `feedsync_source_failures_total`.
///
/// The state keeps only consecutive failures, so the running total lives in the metrics file
/// itself: each write reads the previous file's totals, poll counts and consecutive failures and
/// adds what happened since. Of the polls made since the previous file, the most recent
/// `consecutive_failures` failed: all of them when the streak is at least as long, else the streak
/// (a success came before it). It is exact when every poll is followed by a write, as `run` (one
/// poll per source per cycle) and `sync` do. Deleting the file resets the counter, which
/// Prometheus' `rate()` and `increase()` handle as a counter reset.
public enum MetricsFailureTally {
    /// What the previous metrics file said about one source.
    public struct Previous: Sendable, Equatable {
        public var failures: Int64
        public var polls: Int64?
        public var consecutiveFailures: Int64?
        public init(failures: Int64, polls: Int64?, consecutiveFailures: Int64?) {
            self.failures = failures; self.polls = polls; self.consecutiveFailures = consecutiveFailures
        }
    }

    public static func totals(previous: [String: Previous], sources: [(name: String, state: SourceState?)]) -> [String: Int64] {
        var out: [String: Int64] = [:]
        for (name, state) in sources {
            let before = previous[name]
            var total = before?.failures ?? 0
            if let state, state.consecutiveFailures > 0 {
                // A poll count below the previous one means a new state database: count from zero.
                let pollsBefore = before?.polls ?? 0
                let attempts = state.polls >= pollsBefore ? state.polls - pollsBefore : state.polls
                let streak = Int64(state.consecutiveFailures)
                let added = min(attempts, streak)
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
            var p = out[name] ?? Previous(failures: 0, polls: nil, consecutiveFailures: nil)
            switch family {
            case "feedsync_source_failures_total": p.failures = value
            case "feedsync_source_polls_total": p.polls = value
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
