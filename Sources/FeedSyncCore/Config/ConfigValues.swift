import Foundation

/// Value types of configuration keys, parsed from the forms the config file accepts.

/// A duration such as `30s`, `15m`, `1h30m`, `2d`, `250ms`. A unit is required: `30` alone could
/// mean seconds or minutes, so it is refused rather than guessed.
public enum DurationParser {
    /// The longest duration any key accepts (10 years): every later computation in seconds,
    /// milliseconds or nanoseconds stays far inside 64-bit integers.
    public static let maximum: Double = 3650 * 86_400

    /// Seconds, or nil when the text is not a duration. May exceed `maximum` (or be infinite):
    /// callers bound it. Never traps, whatever the digits.
    public static func seconds(_ text: String) -> Double? {
        let s = text.trimmingCharacters(in: .whitespaces).lowercased()
        if s.isEmpty { return nil }
        var total = 0.0
        var number = ""
        var sawUnit = false
        let chars = Array(s)
        var i = 0
        while i < chars.count {
            let c = chars[i]
            if c.isASCII && (c.isNumber || c == ".") {
                number.append(c)
            } else {
                var unit = String(c)
                if c == "m" && i + 1 < chars.count && chars[i + 1] == "s" { unit = "ms"; i += 1 }
                guard let n = Double(number), n.isFinite else { return nil }
                switch unit {
                case "ms": total += n / 1000
                case "s": total += n
                case "m": total += n * 60
                case "h": total += n * 3600
                case "d": total += n * 86_400
                case "w": total += n * 604_800
                default: return nil
                }
                number = ""
                sawUnit = true
            }
            i += 1
        }
        guard number.isEmpty, sawUnit else { return nil }
        return total
    }

    /// Formats seconds the way the config writes them (`90s` -> `1m30s`).
    public static func format(_ seconds: Double) -> String {
        guard seconds.isFinite, abs(seconds) < 1e15 else { return "\(seconds)s" }
        if seconds < 1 && seconds > 0 { return "\(Int(seconds * 1000))ms" }
        var rest = Int(seconds.rounded())
        if rest == 0 { return "0s" }
        var out = ""
        for (unit, size) in [("d", 86_400), ("h", 3600), ("m", 60), ("s", 1)] where rest >= size {
            out += "\(rest / size)\(unit)"
            rest %= size
        }
        return out
    }
}

/// A size such as `20MB`, `512KB`, `1GB` (binary multiples), or a bare integer of bytes.
public enum SizeParser {
    /// The largest size any key accepts: a body is held in memory while it is parsed.
    public static let maximum = 1 << 30

    /// Bytes, or nil when the text is not a size or exceeds `maximum`. Never traps.
    public static func bytes(_ text: String) -> Int? {
        guard let n = byteCount(text), n <= Double(maximum) else { return nil }
        return Int(n)
    }

    /// Bytes as a floating-point number, unbounded (possibly infinite); nil when not a size.
    public static func byteCount(_ text: String) -> Double? {
        let s = text.trimmingCharacters(in: .whitespaces).uppercased()
        let units: [(String, Double)] = [("KIB", 0x1p10), ("MIB", 0x1p20), ("GIB", 0x1p30),
                                         ("KB", 0x1p10), ("MB", 0x1p20), ("GB", 0x1p30),
                                         ("K", 0x1p10), ("M", 0x1p20), ("G", 0x1p30), ("B", 1)]
        for (suffix, mult) in units where s.hasSuffix(suffix) {
            let num = s.dropLast(suffix.count).trimmingCharacters(in: .whitespaces)
            guard num.allSatisfy({ $0.isASCII && ($0.isNumber || $0 == ".") }), let n = Double(num) else { return nil }
            return (n * mult).rounded(.down)
        }
        guard !s.isEmpty, s.allSatisfy({ $0.isASCII && $0.isNumber }) else { return nil }
        return Double(s)
    }

    public static func format(_ bytes: Int) -> String {
        if bytes >= 1 << 30, bytes % (1 << 30) == 0 { return "\(bytes >> 30)GB" }
        if bytes >= 1 << 20, bytes % (1 << 20) == 0 { return "\(bytes >> 20)MB" }
        if bytes >= 1 << 10, bytes % (1 << 10) == 0 { return "\(bytes >> 10)KB" }
        return "\(bytes)B"
    }
}

/// What to deliver on the first successful sync of a source.
public enum InitialPolicy: Sendable, Equatable, CustomStringConvertible {
    case all
    case none
    case latest(Int)

    public init?(_ text: String) {
        switch text {
        case "all": self = .all
        case "none": self = .none
        default:
            guard text.hasPrefix("latest:"), let n = Int(text.dropFirst(7)), n >= 0 else { return nil }
            self = .latest(n)
        }
    }

    public var description: String {
        switch self {
        case .all: return "all"
        case .none: return "none"
        case let .latest(n): return "latest:\(n)"
        }
    }
}

/// How cross-source near-duplicates are handled.
public enum DuplicatePolicy: String, Sendable { case off, mark, drop }

/// What happens when an item changes upstream.
public enum UpdatePolicy: String, Sendable { case ignore, emit }

/// Spool file format.
public enum SpoolFormat: String, Sendable { case json, maildir }

/// Item identity rules, tried in order; the first that yields a non-empty value wins.
public enum IdentityRule: String, Sendable, CaseIterable {
    case guid, link
    case titlePublished = "title+published"
    case content
}
