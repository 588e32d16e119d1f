/// A state that is new or empty beside a spool that already holds delivered items means the state
/// was lost (deleted, truncated, a wrong `state_dir`): syncing would deliver the whole archive again.
/// The Commit stage refuses to open then; `feedsync recover` rebuilds the delivered keys from the
/// spool's files (`SpoolRebuild`).
public enum SpoolStateGuard {
    /// Throws `StateLostError` when the state has never issued a spool name and knows no source,
    /// yet `new/` or `cur/` holds a file.
    public static func check(store: StateStore, spool: Spool, stateLocation: String) throws {
        // Cheapest first: reading every source's state (50,000 rows) is for the rare case left.
        guard try store.lastSpoolName() == nil, let sample = spool.anyDeliveredFile(),
              try store.sourceStates().isEmpty else { return }
        throw StateLostError(stateLocation: stateLocation, spoolDir: spool.root, sample: sample)
    }
}

/// The state does not know what the spool says was delivered.
public struct StateLostError: Error, CustomStringConvertible {
    public var stateLocation: String
    public var spoolDir: String
    /// One delivered file, relative to the spool.
    public var sample: String

    public var description: String {
        "state \(stateLocation) is new or empty, but the spool \(spoolDir) already holds delivered items "
            + "(\(sample)): syncing now would deliver them all again. If the state was lost, rebuild what "
            + "was delivered from the spool with `feedsync recover`; to start afresh, move the spool away."
    }
}
