/// Whether a source is polled now: the first check of the Poll stage.
public enum SkipRule {
    /// What the caller asks for.
    public struct Options: Sendable {
        /// Poll sources in backoff, under Retry-After or disabled anyway.
        public var force = false
        /// Poll only sources whose next poll time has come.
        public var dueOnly = false
        public init(force: Bool = false, dueOnly: Bool = false) { self.force = force; self.dueOnly = dueOnly }
    }

    /// Why a source is not polled now, or nil to poll it: disabled (410), under Retry-After, in
    /// backoff, or (with `dueOnly`) not due. `force` polls regardless.
    public static func reason(state: SourceState?, source: SourceConfig, now: Timestamp, options: Options) -> String? {
        guard let state, !options.force else { return nil }
        let schedule = state.schedule.reconciled(with: source.schedulePolicy)
        if case let .skip(reason) = schedule.decision(now: now, honourInterval: options.dueOnly) {
            return "\(reason)" + (reason.isLiftedByForce ? " (--force polls it anyway)" : "")
        }
        return nil
    }
}

extension SkipReason {
    /// Every skip can be overridden by `sync --force`; "not due" needs no override (plain `sync`).
    var isLiftedByForce: Bool {
        if case .notDue = self { return false }
        return true
    }
}
