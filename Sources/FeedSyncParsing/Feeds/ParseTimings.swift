#if canImport(Glibc)
import Glibc
#endif

/// Where parse time goes, for benchmarks (`feedsync parse --stats`). Accumulates over parses;
/// not thread-safe: use one per thread.
public final class ParseTimings {
    /// Nanoseconds spent choosing the encoding and converting to UTF-8.
    public var charset: UInt64 = 0
    /// Nanoseconds spent repairing undefined entities and bare ampersands.
    public var entityRepair: UInt64 = 0
    /// Nanoseconds in libxml2 and the model builder, sanitizing and plain text excluded.
    public var xml: UInt64 = 0
    /// Nanoseconds re-parsing malformed documents with the recovering parser.
    public var recover: UInt64 = 0
    /// Nanoseconds sanitizing HTML and resolving the links inside it.
    public var sanitize: UInt64 = 0
    /// Nanoseconds rendering entries as plain text.
    public var plainText: UInt64 = 0
    /// Nanoseconds a bare libxml2 SAX parse of the same bytes takes (no callbacks), to split
    /// `xml` into libxml2's part and the model's. Measured only when timing, outside every
    /// other figure here.
    public var libxml2Alone: UInt64 = 0
    /// Documents handed to the HTML page parser or the JSON Feed parser.
    public var delegated: UInt64 = 0

    public init() {}

    /// Monotonic nanoseconds.
    @inline(__always)
    public static func now() -> UInt64 {
        var ts = timespec()
        clock_gettime(CLOCK_MONOTONIC, &ts)
        return UInt64(ts.tv_sec) * 1_000_000_000 + UInt64(ts.tv_nsec)
    }
}
