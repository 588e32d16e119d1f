/// Spool file names: `<delivery time, µs, 16 digits>.<sequence, 6 digits>.<source>.<id prefix>[.json]`.
///
/// The first two parts make names sort in delivery order; the last two are derived from
/// (source, item key), so a file can always be traced back to its item.
///
/// Names never sort below the last one issued, even when the clock steps back (NTP, a VM restored,
/// `faketime`): the state records the last name (`StateStore.lastSpoolName`), and a clock behind it
/// only advances the sequence. `tail -f` and `--since` rely on that order.
public struct SpoolNamer: Sendable {
    private var lastMicros: Int64 = 0
    private var sequence = 0
    /// The last name issued (nil before the first).
    public private(set) var lastName: String?

    /// A namer whose names sort after `last` (a name this namer format issued, or nil).
    public init(after last: String? = nil) {
        guard let last else { return }
        let parts = last.split(separator: ".", maxSplits: 2)
        guard parts.count >= 2, let micros = Int64(parts[0]), let seq = Int(parts[1]) else { return }
        lastMicros = micros
        sequence = seq
        lastName = last
    }

    public mutating func name(source: String, id: String, at micros: Int64, format: SpoolFormat) -> String {
        if micros > lastMicros {
            lastMicros = micros
            sequence = 0
        } else if sequence < 999_999 {
            sequence += 1
        } else {
            lastMicros += 1
            sequence = 0
        }
        let name = "\(String(lastMicros).leftPadded(to: 16)).\(String(sequence).leftPadded(to: 6)).\(source).\(id.prefix(16))"
            + (format == .json ? ".json" : "")
        lastName = name
        return name
    }
}
