import FeedSyncCore

/// Parses the date formats feeds use: RFC 822/1123 with every variant seen in the wild (named and
/// numeric zones, missing seconds, two-digit years, wrong or missing day names, asctime order),
/// RFC 3339/W3CDTF and the ISO 8601 forms around it, and a few regional formats (Greek, Hungarian,
/// Korean, Perforce).
public enum DateParser {
    /// Returns nil for anything unparseable: a missing date is absent, never "now".
    public static func parse(_ string: String) -> Timestamp? {
        let s = string.pythonStripped()
        guard !s.isEmpty, s.utf8.count < 128 else { return nil }
        var copy = s
        if let t = copy.withUTF8(parseCommon) { return t }
        if let t = parseISO8601(s) { return t }
        if let t = parseRFC822(s) { return t }
        if let t = parsePerforce(s) { return t }
        if let t = parseGreek(s) { return t }
        if let t = parseHungarian(s) { return t }
        if let t = parseKorean(s) { return t }
        return nil
    }

    static let monthNames: [String: Int] = [
        "jan": 1, "feb": 2, "mar": 3, "apr": 4, "may": 5, "jun": 6, "jul": 7, "aug": 8, "sep": 9,
        "oct": 10, "nov": 11, "dec": 12, "january": 1, "february": 2, "march": 3, "april": 4, "june": 6,
        "july": 7, "august": 8, "september": 9, "sept": 9, "october": 10, "november": 11, "december": 12,
    ]

    /// Zone abbreviations, in minutes east of UTC (US zones, military Z, the European ones feeds use).
    static let zoneNames: [String: Int] = [
        "ut": 0, "utc": 0, "gmt": 0, "z": 0, "wet": 0, "adt": -180, "ast": -240, "at": -240,
        "edt": -240, "est": -300, "et": -300, "cdt": -300, "cst": -360, "ct": -360, "mdt": -360,
        "mst": -420, "mt": -420, "pdt": -420, "pst": -480, "pt": -480, "akdt": -480, "akst": -540,
        "hst": -600, "a": -60, "n": 60, "m": -720, "y": 720, "met": 60, "mest": 120, "cet": 60,
        "cest": 120, "bst": 60, "west": 60, "eet": 120, "eest": 180, "msk": 180, "jst": 540, "kst": 540,
        "aest": 600, "aedt": 660, "nzst": 720, "nzdt": 780,
    ]

    // MARK: - The two formats nearly every feed uses, without allocating

    /// `Ddd, DD Mon YYYY HH:MM:SS (+hhmm|GMT|UT|UTC|Z)` and `YYYY-MM-DDTHH:MM:SS[.fff](Z|±hh:mm)`;
    /// nil for anything else (the general parsers then try).
    static func parseCommon(_ u: UnsafeBufferPointer<UInt8>) -> Timestamp? {
        let n = u.count
        func digits(_ i: Int, _ count: Int) -> Int? {
            guard i + count <= n else { return nil }
            var v = 0
            for k in i..<(i + count) {
                let c = u[k]
                guard c >= 0x30 && c <= 0x39 else { return nil }
                v = v * 10 + Int(c - 0x30)
            }
            return v
        }
        if n >= 20, let y = digits(0, 4), u[4] == 0x2D, let mo = digits(5, 2), u[7] == 0x2D, let d = digits(8, 2),
           u[10] == 0x54, let h = digits(11, 2), u[13] == 0x3A, let mi = digits(14, 2), u[16] == 0x3A,
           let se = digits(17, 2) {
            var i = 19
            if u[i] == 0x2E {
                i += 1
                while i < n, u[i] >= 0x30 && u[i] <= 0x39 { i += 1 }
            }
            var offset = 0
            if i + 1 == n, u[i] == 0x5A {
                offset = 0
            } else if i + 6 == n, u[i] == 0x2B || u[i] == 0x2D, let oh = digits(i + 1, 2), u[i + 3] == 0x3A,
                      let om = digits(i + 4, 2), oh <= 23, om <= 59 {
                offset = (u[i] == 0x2D ? -1 : 1) * (oh * 3600 + om * 60)
            } else {
                return nil
            }
            guard h <= 23, mi <= 59, se <= 59 else { return nil }
            return Timestamp(year: y, month: mo, day: d, hour: h, minute: mi, second: se, offsetSeconds: offset)
        }
        // Ddd, DD Mon YYYY HH:MM:SS zone
        guard n >= 26, u[3] == 0x2C, u[4] == 0x20 else { return nil }
        var i = 5
        let dayLength = u[i + 1] == 0x20 ? 1 : 2
        guard let d = digits(i, dayLength) else { return nil }
        i += dayLength
        guard u[i] == 0x20, i + 4 < n, u[i + 4] == 0x20 else { return nil }
        let m0 = u[i + 1] | 0x20, m1 = u[i + 2] | 0x20, m2 = u[i + 3] | 0x20
        guard let mo = monthNumber(m0, m1, m2) else { return nil }
        i += 5
        guard let y = digits(i, 4), i + 13 < n, u[i + 4] == 0x20, let h = digits(i + 5, 2), u[i + 7] == 0x3A,
              let mi = digits(i + 8, 2), u[i + 10] == 0x3A, let se = digits(i + 11, 2), u[i + 13] == 0x20,
              h <= 23, mi <= 59, se <= 59 else { return nil }
        i += 14
        var offset = 0
        let rest = n - i
        if rest == 5, u[i] == 0x2B || u[i] == 0x2D, let oh = digits(i + 1, 2), let om = digits(i + 3, 2), oh <= 23, om <= 59 {
            offset = (u[i] == 0x2D ? -1 : 1) * (oh * 3600 + om * 60)
        } else if (rest == 3 && u[i] == 0x47 && u[i + 1] == 0x4D && u[i + 2] == 0x54)
                    || (rest == 3 && u[i] == 0x55 && u[i + 1] == 0x54 && u[i + 2] == 0x43)
                    || (rest == 2 && u[i] == 0x55 && u[i + 1] == 0x54) || (rest == 1 && u[i] == 0x5A) {
            offset = 0
        } else {
            return nil
        }
        return Timestamp(year: y, month: mo, day: d, hour: h, minute: mi, second: se, offsetSeconds: offset)
    }

    private static func monthNumber(_ a: UInt8, _ b: UInt8, _ c: UInt8) -> Int? {
        switch (a, b, c) {
        case (0x6A, 0x61, 0x6E): return 1   // jan
        case (0x66, 0x65, 0x62): return 2   // feb
        case (0x6D, 0x61, 0x72): return 3   // mar
        case (0x61, 0x70, 0x72): return 4   // apr
        case (0x6D, 0x61, 0x79): return 5   // may
        case (0x6A, 0x75, 0x6E): return 6   // jun
        case (0x6A, 0x75, 0x6C): return 7   // jul
        case (0x61, 0x75, 0x67): return 8   // aug
        case (0x73, 0x65, 0x70): return 9   // sep
        case (0x6F, 0x63, 0x74): return 10  // oct
        case (0x6E, 0x6F, 0x76): return 11  // nov
        case (0x64, 0x65, 0x63): return 12  // dec
        default: return nil
        }
    }

    // MARK: - RFC 822 and friends

    /// `[Day,] DD Mon YYYY [hh:mm[:ss]] [zone]`, also month-first (`Mon DD YYYY`), asctime
    /// (`Sun Jan  4 16:29:06 2004`, zone before the year allowed), two-digit years, AM/PM.
    static func parseRFC822(_ s: String) -> Timestamp? {
        var text = s
        if let paren = text.firstIndex(of: "(") { text = String(text[text.startIndex..<paren]) }  // "(GMT)" comments
        var tokens = text.split(whereSeparator: { $0 == " " || $0 == "," || $0 == "\t" }).map { String($0) }
        guard tokens.count >= 2 else { return nil }
        if let first = tokens.first, first.allSatisfy(\.isLetter), monthNames[first.lowercased()] == nil {
            tokens.removeFirst()  // the day name, right or wrong
        }
        guard tokens.count >= 3 else { return nil }
        var day: Int?, month: Int?, year: Int?
        var rest: ArraySlice<String>
        if let m = monthNames[tokens[0].lowercased()] {
            // Mon DD [YYYY] ... (asctime puts the year after the time)
            month = m
            guard let d = Int(tokens[1]), tokens[1].count <= 2 else { return nil }
            day = d
            rest = tokens[2...]
            if let y = year4(rest.first) { year = y; rest = rest.dropFirst() }
        } else {
            guard let d = Int(tokens[0]), tokens[0].count <= 2, let m = monthNames[tokens[1].lowercased()] else { return nil }
            day = d
            month = m
            guard let y = year4(tokens[2]) else { return nil }
            year = y
            rest = tokens[3...]
        }
        var hour = 0, minute = 0, second = 0
        var offset = 0
        if let t = rest.first, t.contains(":") {
            guard let (h, mi, se) = clock(t) else { return nil }
            (hour, minute, second) = (h, mi, se)
            rest = rest.dropFirst()
            if let ampm = rest.first?.lowercased(), ampm == "am" || ampm == "pm" {
                guard hour >= 1 && hour <= 12 else { return nil }
                if ampm == "pm" && hour < 12 { hour += 12 }
                if ampm == "am" && hour == 12 { hour = 0 }
                rest = rest.dropFirst()
            }
        }
        if year == nil {
            // asctime: the zone may sit between the time and the year.
            if rest.count >= 2, let z = zoneOffset(rest[rest.startIndex]) {
                offset = z
                rest = rest.dropFirst()
            }
            guard let y = year4(rest.first) else { return nil }
            year = y
            rest = rest.dropFirst()
        }
        if let z = rest.first {
            guard let o = zoneOffset(z) else { return nil }
            offset = o
            rest = rest.dropFirst()
        }
        guard rest.isEmpty, let day, let month, let year else { return nil }
        return Timestamp(year: year, month: month, day: day, hour: hour, minute: minute, second: second,
                         offsetSeconds: offset * 60)
    }

    /// A year: four digits, or two (1990-2089).
    private static func year4(_ token: String?) -> Int? {
        guard let token, token.allSatisfy(\.isASCIIDigit), let y = Int(token) else { return nil }
        if token.count == 4 { return y }
        if token.count == 2 { return y < 90 ? 2000 + y : 1900 + y }
        return nil
    }

    /// `h:mm[:ss]`, each part one or two digits.
    static func clock(_ t: String) -> (Int, Int, Int)? {
        let parts = t.split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count == 2 || parts.count == 3 else { return nil }
        var values: [Int] = []
        for p in parts {
            guard (1...2).contains(p.count), p.allSatisfy(\.isASCIIDigit), let v = Int(p) else { return nil }
            values.append(v)
        }
        let second = values.count == 3 ? values[2] : 0
        guard values[0] <= 23, values[1] <= 59, second <= 60 else { return nil }
        return (values[0], values[1], second)
    }

    /// A zone: a name (`EST`, `Etc/GMT`), `±hhmm`, `±hh:mm`, `±hh`, or a name followed by an
    /// offset (`GMT-01:01`). Minutes east of UTC.
    static func zoneOffset(_ token: String) -> Int? {
        var t = token.lowercased()
        if t.hasPrefix("etc/") { t.removeFirst(4) }
        if let named = zoneNames[t] { return named }
        for prefix in ["gmt", "utc", "ut"] where t.hasPrefix(prefix) && t.count > prefix.count {
            let rest = String(t.dropFirst(prefix.count))
            if rest.first == "+" || rest.first == "-" { return numericOffset(rest) }
        }
        if t.first == "+" || t.first == "-" { return numericOffset(t) }
        return nil
    }

    /// `±hh`, `±hhmm` or `±hh:mm` in minutes.
    static func numericOffset(_ t: String) -> Int? {
        guard let sign = t.first, sign == "+" || sign == "-" else { return nil }
        let body = t.dropFirst()
        var hh: Substring, mm: Substring
        if let colon = body.firstIndex(of: ":") {
            hh = body[body.startIndex..<colon]
            mm = body[body.index(after: colon)...]
        } else if body.count == 4 {
            hh = body.prefix(2)
            mm = body.suffix(2)
        } else {
            hh = body
            mm = "00"
        }
        guard (1...2).contains(hh.count), mm.count == 2, hh.allSatisfy(\.isASCIIDigit), mm.allSatisfy(\.isASCIIDigit),
              let h = Int(hh), let m = Int(mm), h <= 23, m <= 59 else { return nil }
        return (sign == "-" ? -1 : 1) * (h * 60 + m)
    }
}

extension Character {
    var isASCIIDigit: Bool { isASCII && isNumber }
}
