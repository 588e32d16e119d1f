/// Delay before polling a failing source again: exponential, bounded, with jitter.
///
/// For `n` consecutive failures (n ≥ 1), with `cap = max(interval, maxInterval)`:
///
///     base  = min(interval · 2^(n-1), cap)
///     delay = interval + (base - interval) · (1 - jitter · unit)
///
/// so the delay is exactly `interval` after one failure (a single blip costs nothing beyond the
/// normal schedule), doubles with each further failure, never exceeds `cap`, never falls below
/// `interval`, and sources that fail together spread over the top `jitter` fraction of the
/// range instead of returning in lockstep. `unit` is the random draw in [0, 1): the function
/// itself is pure, so tests pass fixed values and callers pass a generator's.
public enum Backoff {
    /// Default share of the exponential excess removed at random.
    public static let defaultJitter = 0.25

    /// The delay in seconds; see the type's documentation for the formula.
    public static func delay(failures: Int, interval: Int64, maxInterval: Int64,
                             jitter: Double = defaultJitter, unit: Double) -> Int64 {
        let interval = max(1, interval)
        let cap = max(interval, maxInterval)
        guard failures > 1 else { return interval }
        // Doubles instead of shifts: 2^(n-1) overflows Int64 after 63 failures.
        let factor = Double(sign: .plus, exponent: min(failures - 1, 1000), significand: 1)
        let base = min(Double(interval) * factor, Double(cap))
        let j = min(max(jitter, 0), 1)
        let u = min(max(unit, 0), 1)
        let delay = Double(interval) + (base - Double(interval)) * (1 - j * u)
        return min(cap, max(interval, Int64(delay.rounded())))
    }
}
