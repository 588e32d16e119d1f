/// The outcome of one source in one sync, for logs, exit codes and `sync` output.
public struct SourceReport: Sendable {
    public enum Status: String, Sendable {
        /// Fetched and parsed; `newItems` may be zero.
        case ok
        /// 304 Not Modified.
        case unchanged
        case failed
        /// Not polled: in backoff, under Retry-After, disabled, or not due.
        case skipped
    }

    public var source: String
    public var status: Status
    public var newItems = 0
    public var updatedItems = 0
    public var identityMoves = 0
    public var duplicates = 0
    /// New items a `[[filter]]` rule kept out.
    public var filtered = 0
    /// Why it failed or was skipped.
    public var message: String?
    public var httpStatus: Int?
    public var duration: Double = 0
    /// The source's state as this report's commit recorded it; nil when nothing was committed
    /// (skipped, abandoned, dry run, failed commit). The daemon schedules from it.
    public var state: SourceState? {
        get { stateStorage?.value }
        set { stateStorage = newValue.map(Boxed.init) }
    }
    private var stateStorage: Boxed<SourceState>?

    public init(source: String, status: Status, message: String? = nil) {
        self.source = source; self.status = status; self.message = message
    }
}

/// What the pipeline did with one source: its report, and with `dryRun`, the plan it stopped at.
public struct SyncResult: Sendable {
    public var report: SourceReport
    /// The Plan stage's decisions (`test` and `--dry-run`); nil when the poll was skipped.
    public var plan: SourcePlan? {
        get { planStorage?.value }
        set { planStorage = newValue.map(Boxed.init) }
    }
    private var planStorage: Boxed<SourcePlan>?

    public init(report: SourceReport, plan: SourcePlan? = nil) {
        self.report = report
        planStorage = plan.map(Boxed.init)
    }
}
