import Foundation
import FeedSyncCore

/// Parses a date by a strftime-like `date_format` (`[source.select] date_format`), for pages whose
/// dates no general parser can guess (`03.07.2025 14:05`, `Jul 3, 2025`).
///
/// Directives: `%Y` `%y` `%m` `%d` `%e` `%H` `%I` `%M` `%S` `%p` `%b`/`%h` `%B` `%a` `%A` `%z` `%Z`
/// `%s` (Unix seconds), `%F` (`%Y-%m-%d`), `%T` (`%H:%M:%S`), `%R` (`%H:%M`), `%D` (`%m/%d/%y`),
/// `%n`/`%t` (whitespace), `%%`. Whitespace in the format matches any run of whitespace (or none);
/// names are English and case-insensitive; a missing zone means UTC. A format without a year gives nil:
/// a missing date is absent, never invented.
struct DateFormatParser {
    private let format: [Character]

    /// Checks the format; the error names the unknown directive.
    init(_ format: String) throws(ParseError) {
        self.format = Array(format)
        var i = 0
        while i < self.format.count {
            if self.format[i] == "%" {
                guard i + 1 < self.format.count else { throw ParseError("invalid date_format \"\(format)\": ends with '%'") }
                let d = self.format[i + 1]
                guard "YymdeHIMSpbhBaAzZsFTRDnt%".contains(d) else {
                    throw ParseError("invalid date_format \"\(format)\": unknown directive '%\(d)'")
                }
                i += 2
            } else {
                i += 1
            }
        }
    }

    private static let months = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"]
    private static let monthNames = ["january", "february", "march", "april", "may", "june", "july", "august",
                                     "september", "october", "november", "december"]
    private static let dayNames = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
    private static let zones: [String: Int] = [
        "utc": 0, "gmt": 0, "z": 0, "ut": 0, "est": -5, "edt": -4, "cst": -6, "cdt": -5, "mst": -7, "mdt": -6,
        "pst": -8, "pdt": -7, "cet": 1, "cest": 2, "eet": 2, "eest": 3, "msk": 3, "bst": 1,
    ]

    private struct Fields {
        var year: Int?, month: Int?, day: Int?
        var hour = 0, minute = 0, second = 0
        var pm: Bool?
        var offset = 0
        var epoch: Int64?
    }

    /// The timestamp `value` denotes under this format, or nil when it does not match.
    func parse(_ value: String) -> Timestamp? {
        let input = Array(value.trimmingCharacters(in: .whitespacesAndNewlines))
        var f = Fields()
        var i = 0
        guard match(expandedFormat, 0, input, &i, &f), i == input.count else { return nil }
        if let epoch = f.epoch { return Timestamp(seconds: epoch) }
        if let pm = f.pm {
            guard (1...12).contains(f.hour) else { return nil }
            f.hour = f.hour % 12 + (pm ? 12 : 0)
        }
        guard let year = f.year, let month = f.month, let day = f.day else { return nil }
        return Timestamp(year: year, month: month, day: day, hour: f.hour, minute: f.minute, second: f.second,
                         offsetSeconds: f.offset)
    }

    /// The format with the composite directives spelled out.
    private var expandedFormat: [Character] {
        var out: [Character] = []
        var i = 0
        while i < format.count {
            if format[i] == "%", i + 1 < format.count {
                switch format[i + 1] {
                case "F": out += Array("%Y-%m-%d")
                case "T": out += Array("%H:%M:%S")
                case "R": out += Array("%H:%M")
                case "D": out += Array("%m/%d/%y")
                default: out += [format[i], format[i + 1]]
                }
                i += 2
            } else {
                out.append(format[i]); i += 1
            }
        }
        return out
    }

    private func match(_ fmt: [Character], _ start: Int, _ s: [Character], _ i: inout Int, _ f: inout Fields) -> Bool {
        var k = start
        while k < fmt.count {
            let c = fmt[k]
            if c.isWhitespace {
                while i < s.count && s[i].isWhitespace { i += 1 }
                k += 1
                continue
            }
            guard c == "%" else {
                guard i < s.count, s[i].lowercased() == c.lowercased() else { return false }
                i += 1; k += 1
                continue
            }
            let d = fmt[k + 1]
            k += 2
            switch d {
            case "Y": guard let v = number(s, &i, max: 4) else { return false }; f.year = v
            case "y":
                guard let v = number(s, &i, max: 2) else { return false }
                f.year = v < 69 ? 2000 + v : 1900 + v // POSIX strptime's pivot
            case "m": guard let v = number(s, &i, max: 2) else { return false }; f.month = v
            case "d", "e":
                while d == "e" && i < s.count && s[i] == " " { i += 1 }
                guard let v = number(s, &i, max: 2) else { return false }; f.day = v
            case "H", "I": guard let v = number(s, &i, max: 2) else { return false }; f.hour = v
            case "M": guard let v = number(s, &i, max: 2) else { return false }; f.minute = v
            case "S": guard let v = number(s, &i, max: 2) else { return false }; f.second = v
            case "p":
                let w = word(s, &i).replacingOccurrences(of: ".", with: "")
                guard w == "am" || w == "pm" else { return false }
                f.pm = w == "pm"
            case "b", "h", "B":
                let w = word(s, &i)
                guard let m = Self.monthNames.firstIndex(where: { $0 == w })
                    ?? Self.months.firstIndex(where: { w.count >= 3 && $0.hasPrefix(String(w.prefix(3))) && w.count <= 4 })
                else { return false }
                f.month = m + 1
            case "a", "A":
                let w = word(s, &i)
                guard Self.dayNames.contains(where: { $0 == w || (w.count >= 3 && $0.hasPrefix(w)) }) else { return false }
            case "z":
                guard let off = zoneOffset(s, &i) else { return false }; f.offset = off
            case "Z":
                let w = word(s, &i)
                if let h = Self.zones[w] { f.offset = h * 3600 } else if w.isEmpty { return false }
            case "s":
                var neg = false
                if i < s.count && s[i] == "-" { neg = true; i += 1 }
                guard let v = number(s, &i, max: 12) else { return false }
                f.epoch = Int64(neg ? -v : v)
            case "n", "t": while i < s.count && s[i].isWhitespace { i += 1 }
            case "%": guard i < s.count, s[i] == "%" else { return false }; i += 1
            default: return false
            }
        }
        return true
    }

    private func number(_ s: [Character], _ i: inout Int, max: Int) -> Int? {
        var v = 0, n = 0
        while i < s.count, n < max, let d = s[i].wholeNumberValue, s[i].isASCII { v = v * 10 + d; i += 1; n += 1 }
        return n == 0 ? nil : v
    }

    private func word(_ s: [Character], _ i: inout Int) -> String {
        var w = ""
        while i < s.count, s[i].isLetter || s[i] == "." { w.append(s[i]); i += 1 }
        return w.lowercased()
    }

    /// `Z`, `+hh:mm`, `+hhmm`, `+hh`.
    private func zoneOffset(_ s: [Character], _ i: inout Int) -> Int? {
        guard i < s.count else { return nil }
        if s[i] == "Z" || s[i] == "z" { i += 1; return 0 }
        guard s[i] == "+" || s[i] == "-" else { return nil }
        let sign = s[i] == "-" ? -1 : 1
        i += 1
        guard let h = number(s, &i, max: 2) else { return nil }
        var m = 0
        if i < s.count && s[i] == ":" { i += 1 }
        if let mm = number(s, &i, max: 2) { m = mm }
        return sign * (h * 3600 + m * 60)
    }
}
