import FeedSyncCore

/// What `status` says about one source, computed once for the table and for `--json` so that the
/// two always agree: a disabled source is `disabled` with no next due time in both.
struct SourceStatusRow {
    let source: SourceConfig
    let state: SourceState?
    /// The daemon's decision now (interval honoured): why the source is not polled, if it is not.
    let skip: SkipReason?

    init(source: SourceConfig, state: SourceState?, now: Timestamp) {
        self.source = source
        self.state = state
        if let state,
           case let .skip(reason) = state.schedule.reconciled(with: source.schedulePolicy)
            .decision(now: now, honourInterval: true) {
            skip = reason
        } else {
            skip = nil
        }
    }

    /// One word: `disabled`, `never` (not polled yet), or the last poll's `ok`, `unchanged`, `error`.
    var condition: String {
        if case .disabled = skip { return "disabled" }
        guard let state, state.lastAttempt != nil || state.lastStatus != nil else { return "never" }
        return state.lastStatus ?? "never"
    }

    /// When the daemon polls it next: nil when due now, `.disabled` never until the config changes.
    var nextDue: Timestamp? {
        switch skip {
        case .none, .disabled: return nil
        case let .retryAfter(until), let .backoff(until, _), let .notDue(until): return until
        }
    }

    var isDisabled: Bool { if case .disabled = skip { return true } else { return false } }

    /// Failing: the last poll failed, or the source is disabled.
    var isFailing: Bool { isDisabled || (state?.consecutiveFailures ?? 0) > 0 || condition == "error" }

    /// Why it is not polled, or the last error: the table's last column, credentials redacted.
    var detail: String {
        if let skip, !(skipIsPlainInterval) { return URLRedaction.redact("\(skip)") }
        if condition == "error", let e = state?.lastError { return URLRedaction.redact(e) }
        return ""
    }

    private var skipIsPlainInterval: Bool { if case .notDue = skip { return true } else { return false } }

    /// The table's cells, in `StatusCommand.header` order.
    var cells: [String] {
        [source.name, condition, state?.lastSuccess?.rfc3339 ?? "-", "\(state?.consecutiveFailures ?? 0)",
         isDisabled ? "-" : (nextDue?.rfc3339 ?? "now"), "\(state?.itemsDelivered ?? 0)", detail]
    }

    /// One JSON object per source (`status --json`).
    var json: JSONValue {
        let st = state ?? SourceState(name: source.name)
        var o = JSONObjectBuilder()
        o.add("source", source.name)
        o.add("url", URLRedaction.redact(source.url))
        o.add("effective_url", st.movedFrom == source.url ? st.movedTo.map(URLRedaction.redact) : nil)
        o.add("effective_url_reason", st.movedFrom == source.url ? (st.movedReason ?? "permanent redirect") : nil)
        o.add("status", condition == "never" ? "never polled" : condition)
        o.add("last_attempt", st.lastAttempt)
        o.add("last_success", st.lastSuccess)
        o.add("last_error", st.lastError.map(URLRedaction.redact))
        if let h = st.lastHTTPStatus { o.add("http_status", .int(Int64(h))) }
        o.add("consecutive_failures", .int(Int64(st.consecutiveFailures)))
        o.add("items_delivered", .int(st.itemsDelivered))
        o.add("items_filtered", .int(st.itemsFiltered))
        o.add("tags", nonEmpty: source.tags.map { .string($0) })
        o.add("etag", st.etag)
        o.add("last_modified", st.lastModified)
        o.add("next_due", isDisabled ? nil : (nextDue ?? st.nextDue))
        o.add("due_now", .bool(!isDisabled && nextDue == nil))
        o.add("retry_after_until", st.retryAfterUntil)
        o.add("skip_reason", skip.flatMap { skipIsPlainInterval ? nil : "\($0)" })
        o.add("polls", .int(st.polls))
        o.add("not_modified", .int(st.notModified))
        o.add("feed_title", st.feedTitle)
        return o.value
    }
}
