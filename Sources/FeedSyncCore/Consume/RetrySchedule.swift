/// When `feedsync consume` runs a failed handler again, and when it gives up.
///
/// After the `n`-th failed attempt of one item (n ≥ 1), with `retries` retries allowed:
///
///     n <= retries:  retry after  min(base · 2^(n-1), cap)  seconds
///     n >  retries:  park the item in failed/
///
/// so an item is tried at most `retries + 1` times, the waits double (base, 2·base, 4·base, ...)
/// and never exceed `cap`. No jitter: only one item per source waits at a time (per-source order),
/// so retries of many items never arrive in lockstep the way polls of many sources would.
public struct RetrySchedule: Sendable, Equatable {
    /// Retries after the first attempt (`--retries`, `consume_retries`; default 5).
    public var retries: Int
    /// The first wait in seconds (`--retry-base`; default 10 s).
    public var base: Double
    /// The longest wait in seconds (default 10 minutes).
    public var cap: Double

    public static let defaultRetries = 5
    public static let defaultBase = 10.0
    public static let defaultCap = 600.0

    public init(retries: Int = defaultRetries, base: Double = defaultBase, cap: Double = defaultCap) {
        self.retries = max(0, retries)
        self.base = base.isFinite ? max(0, base) : Self.defaultBase
        self.cap = cap.isFinite ? max(self.base, cap) : max(self.base, Self.defaultCap)
    }

    /// What to do after a failed attempt.
    public enum Decision: Sendable, Equatable {
        /// Run the handler again after this many seconds.
        case retry(after: Double)
        /// Give up: move the item to failed/ with its last error.
        case park
    }

    /// The decision after `failures` failed attempts of one item (the attempt just failed included).
    public func decision(failures: Int) -> Decision {
        guard failures >= 1, failures <= retries else { return failures < 1 ? .retry(after: 0) : .park }
        return .retry(after: delay(failures: failures))
    }

    /// The wait after `failures` failed attempts: `min(base · 2^(failures-1), cap)`.
    public func delay(failures: Int) -> Double {
        guard failures > 1 else { return min(base, cap) }
        // Doubles, not shifts: 2^(n-1) overflows an integer after 63 failures.
        let factor = Double(sign: .plus, exponent: min(failures - 1, 1000), significand: 1)
        return min(base * factor, cap)
    }
}
