/// What one metrics file reports: every configured source's state and the cycle that just ended.
public struct MetricsSnapshot: Sendable {
    /// Configured sources in config order, with their state (nil: never polled).
    public var sources: [(name: String, state: SourceState?)]
    /// Seconds the cycle took, from its first poll starting to its last commit.
    public var cycleDuration: Double
    /// Sources that were due (and polled) in the cycle.
    public var sourcesDue: Int
    /// When the cycle ended.
    public var cycleEnd: Timestamp
    /// Failed polls per source since the metrics file was first written (`MetricsFailureTally`);
    /// a source missing here has 0.
    public var failuresTotal: [String: Int64] = [:]
    /// The `version` label of `feedsync_build_info`.
    public var version: String = BuildVersion.version

    public init(sources: [(name: String, state: SourceState?)], cycleDuration: Double, sourcesDue: Int, cycleEnd: Timestamp) {
        self.sources = sources; self.cycleDuration = cycleDuration; self.sourcesDue = sourcesDue; self.cycleEnd = cycleEnd
    }
}

/// Renders a `MetricsSnapshot` in the Prometheus text exposition format (version 0.0.4), the input
/// of node_exporter's textfile collector. Every metric family has `# HELP` and `# TYPE`, samples of
/// one family are contiguous, and label values are escaped.
public enum MetricsRenderer {
    public static func render(_ m: MetricsSnapshot) -> String {
        var out = ""
        func family(_ name: String, _ type: String, _ help: String, _ samples: [(String?, String)],
                    label: String = "source") {
            guard !samples.isEmpty else { return }
            out += "# HELP \(name) \(help)\n# TYPE \(name) \(type)\n"
            for (value0, value) in samples {
                out += name
                if let value0 { out += "{\(label)=\"\(escapeLabel(value0))\"}" }
                out += " \(value)\n"
            }
        }
        let known = m.sources.compactMap { s in s.state.map { (s.name, $0) } }

        family("feedsync_build_info", "gauge", "Always 1; the version label says which feedsync wrote the file.",
               [(m.version, "1")], label: "version")
        // 0 for a source that never succeeded, so `time() - last_success > N` alerts fire for it too.
        family("feedsync_source_last_success_timestamp_seconds", "gauge",
               "Unix time of the last successful poll (200 or 304) of the source; 0 if it never succeeded.",
               m.sources.map { ($0.name, "\($0.state?.lastSuccess?.seconds ?? 0)") })
        family("feedsync_source_failures_total", "counter",
               "Failed polls of the source (since the metrics file was first written).",
               m.sources.map { ($0.name, "\(m.failuresTotal[$0.name] ?? 0)") })
        family("feedsync_source_last_attempt_timestamp_seconds", "gauge",
               "Unix time the last poll of the source started.",
               known.compactMap { n, st in st.lastAttempt.map { (n, "\($0.seconds)") } })
        family("feedsync_source_consecutive_failures", "gauge",
               "Failed polls of the source since its last success.",
               m.sources.map { ($0.name, "\($0.state?.consecutiveFailures ?? 0)") })
        family("feedsync_source_items_delivered_total", "counter",
               "Items of the source delivered to the spool.",
               m.sources.map { ($0.name, "\($0.state?.itemsDelivered ?? 0)") })
        family("feedsync_source_fetch_duration_seconds", "gauge",
               "Seconds the last fetch and parse of the source took.",
               known.compactMap { n, st in st.lastDuration.map { (n, number($0)) } })
        family("feedsync_source_polls_total", "counter",
               "Polls of the source (every attempt, failed ones included).",
               m.sources.map { ($0.name, "\($0.state?.polls ?? 0)") })
        family("feedsync_source_not_modified_total", "counter",
               "Polls of the source answered 304 Not Modified.",
               m.sources.map { ($0.name, "\($0.state?.notModified ?? 0)") })
        family("feedsync_source_not_modified_ratio", "gauge",
               "Share of the source's polls answered 304 Not Modified.",
               known.compactMap { n, st in st.polls > 0 ? (n, number(Double(st.notModified) / Double(st.polls))) : nil })
        family("feedsync_source_next_due_timestamp_seconds", "gauge",
               "Unix time the source is next due by its interval or backoff.",
               known.compactMap { n, st in st.nextDue.map { (n, "\($0.seconds)") } })
        family("feedsync_source_disabled", "gauge",
               "1 when the source is disabled (410 Gone) until its config changes.",
               m.sources.map { ($0.name, $0.state?.disabledReason != nil ? "1" : "0") })

        family("feedsync_cycle_duration_seconds", "gauge",
               "Seconds the last sync cycle took.", [(nil, number(m.cycleDuration))])
        family("feedsync_sources_due", "gauge",
               "Sources due and polled in the last sync cycle.", [(nil, "\(m.sourcesDue)")])
        family("feedsync_sources", "gauge",
               "Configured sources.", [(nil, "\(m.sources.count)")])
        family("feedsync_last_cycle_timestamp_seconds", "gauge",
               "Unix time the last sync cycle ended.", [(nil, "\(m.cycleEnd.seconds)")])
        return out
    }

    /// Label values escape backslash, double quote and newline (exposition format 0.0.4).
    public static func escapeLabel(_ s: String) -> String {
        var out = ""
        for c in s {
            switch c {
            case "\\": out += "\\\\"
            case "\"": out += "\\\""
            case "\n": out += "\\n"
            default: out.append(c)
            }
        }
        return out
    }

    /// A sample value: finite numbers with up to microsecond precision and no exponent.
    static func number(_ v: Double) -> String {
        guard v.isFinite else { return v.isNaN ? "NaN" : (v > 0 ? "+Inf" : "-Inf") }
        let micros = (v * 1_000_000).rounded()
        let whole = Int64(micros / 1_000_000)
        var frac = Int64(abs(micros.truncatingRemainder(dividingBy: 1_000_000)))
        if frac == 0 { return "\(whole)" }
        var digits = 6
        while frac % 10 == 0 { frac /= 10; digits -= 1 }
        let f = String(frac)
        let sign = v < 0 && whole == 0 ? "-" : ""
        return sign + "\(whole)." + String(repeating: "0", count: digits - f.count) + f
    }
}
