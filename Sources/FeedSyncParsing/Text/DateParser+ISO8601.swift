import FeedSyncCore

extension DateParser {
    /// RFC 3339 / W3CDTF and ISO 8601's other calendar forms: `YYYY[-MM[-DD]]`, `YYYYMMDD`,
    /// ordinal `YYYY-DDD`, two-digit-year forms (`YY-MM-DD`, `YYMMDD`, `-YYMM`, `-YY-MM`, `YYDDD`),
    /// then an optional time (`T` or a space; seconds and fractions optional) and zone (`Z`,
    /// `±hh:mm`, `±hhmm`, `±hh`). The whole string must match.
    static func parseISO8601(_ s: String) -> Timestamp? {
        let u = Array(s.utf8)
        guard let first = u.first, isDigit(first) || first == UInt8(ascii: "-") else { return nil }
        // Split the date from the time at `T` or the first space.
        var split = u.count
        for (i, c) in u.enumerated() where c == UInt8(ascii: "T") || c == UInt8(ascii: "t") || c == 0x20 {
            split = i
            break
        }
        let datePart = Array(u[0..<split])
        guard let (year, month, day) = isoDate(datePart) else { return nil }
        var hour = 0, minute = 0, second = 0, offset = 0
        if split < u.count {
            var rest = Array(u[(split + 1)...])
            while rest.first == 0x20 { rest.removeFirst() }
            guard let t = isoTime(rest) else { return nil }
            (hour, minute, second, offset) = t
        }
        return Timestamp(year: year, month: month, day: day, hour: hour, minute: minute, second: second,
                         offsetSeconds: offset * 60)
    }

    private static func isDigit(_ c: UInt8) -> Bool { c >= 0x30 && c <= 0x39 }

    /// The digits' value; nil unless 1 to 9 digits, which every field fits (a run of 40 digits
    /// in a feed's date overflowed `Int` here: the fuzzer's `dates` target found it).
    private static func number(_ b: ArraySlice<UInt8>) -> Int? {
        guard !b.isEmpty, b.count <= 9, b.allSatisfy(isDigit) else { return nil }
        return b.reduce(0) { $0 * 10 + Int($1 - 0x30) }
    }

    private static func fromOrdinal(_ year: Int, _ ordinal: Int) -> (Int, Int, Int)? {
        let days = Timestamp.isLeap(year) ? 366 : 365
        guard ordinal >= 1 && ordinal <= days else { return nil }
        var remaining = ordinal
        for m in 1...12 {
            let d = Timestamp.daysIn(month: m, year: year)
            if remaining <= d { return (year, m, remaining) }
            remaining -= d
        }
        return nil
    }

    private static func isoDate(_ d: [UInt8]) -> (Int, Int, Int)? {
        let parts = d.split(separator: UInt8(ascii: "-"), omittingEmptySubsequences: false)
        let hyphen = UInt8(ascii: "-")
        func check(_ y: Int, _ m: Int, _ day: Int) -> (Int, Int, Int)? {
            guard (1...12).contains(m), day >= 1, day <= Timestamp.daysIn(month: m, year: y) else { return nil }
            return (y, m, day)
        }
        if d.first == hyphen {
            // -YYMM or -YY-MM
            let body = Array(d.dropFirst())
            if body.count == 4, let yy = number(body[0..<2]), let mm = number(body[2..<4]) { return check(2000 + yy, mm, 1) }
            if body.count == 5, body[2] == hyphen, let yy = number(body[0..<2]), let mm = number(body[3..<5]) {
                return check(2000 + yy, mm, 1)
            }
            return nil
        }
        switch parts.count {
        case 1:
            let p = parts[0]
            switch p.count {
            case 4: return number(p).flatMap { check($0, 1, 1) }  // YYYY
            case 5: // YYDDD
                guard let yy = number(p.prefix(2)), let ddd = number(p.suffix(3)) else { return nil }
                return fromOrdinal(2000 + yy, ddd)
            case 6: // YYMMDD
                guard let yy = number(p.prefix(2)), let mm = number(p.dropFirst(2).prefix(2)), let dd = number(p.suffix(2))
                else { return nil }
                return check(2000 + yy, mm, dd)
            case 7: // YYYYDDD
                guard let y = number(p.prefix(4)), let ddd = number(p.suffix(3)) else { return nil }
                return fromOrdinal(y, ddd)
            case 8: // YYYYMMDD
                guard let y = number(p.prefix(4)), let mm = number(p.dropFirst(4).prefix(2)), let dd = number(p.suffix(2))
                else { return nil }
                return check(y, mm, dd)
            default: return nil
            }
        case 2:
            guard let a = number(parts[0]), let b = number(parts[1]) else { return nil }
            if parts[0].count == 4 && parts[1].count == 2 { return check(a, b, 1) }  // YYYY-MM
            if parts[0].count == 4 && parts[1].count == 3 { return fromOrdinal(a, b) }  // YYYY-DDD
            if parts[0].count == 2 && parts[1].count == 3 { return fromOrdinal(2000 + a, b) }  // YY-DDD
            return nil
        case 3:
            guard let a = number(parts[0]), let b = number(parts[1]), let c = number(parts[2]), parts[2].count == 2
            else { return nil }
            if parts[0].count == 4 && (parts[1].count == 2 || (parts[1].count == 3 && parts[1].first == 0x30)) {
                return check(a, b, c)  // YYYY-MM-DD (and YYYY-0MM-DD)
            }
            if parts[0].count == 2 && parts[1].count == 2 { return check(2000 + a, b, c) }  // YY-MM-DD
            return nil
        default: return nil
        }
    }

    /// `hh:mm[:ss[.fff]][zone]` with the zone optionally after a space.
    private static func isoTime(_ t: [UInt8]) -> (Int, Int, Int, Int)? {
        var i = 0
        func two() -> Int? {
            var j = i
            while j < t.count, j - i < 2, isDigit(t[j]) { j += 1 }
            guard j > i else { return nil }
            defer { i = j }
            return number(t[i..<j])
        }
        guard let h = two(), i < t.count, t[i] == UInt8(ascii: ":") else { return nil }
        i += 1
        guard let m = two() else { return nil }
        var s = 0
        if i < t.count, t[i] == UInt8(ascii: ":") {
            i += 1
            guard let sec = two() else { return nil }
            s = sec
            if i < t.count, t[i] == UInt8(ascii: ".") || t[i] == UInt8(ascii: ",") {
                i += 1
                let st = i
                while i < t.count, isDigit(t[i]) { i += 1 }
                guard i > st else { return nil }
            }
        }
        guard h <= 23, m <= 59, s <= 60 else { return nil }
        while i < t.count, t[i] == 0x20 { i += 1 }
        var offset = 0
        if i < t.count {
            let zone = String(decoding: t[i...], as: UTF8.self)
            if zone == "Z" || zone == "z" {
                offset = 0
            } else if let o = numericOffset(zone) {
                offset = o
            } else if let named = zoneNames[zone.lowercased()] {
                offset = named
            } else {
                return nil
            }
        }
        return (h, m, s, offset)
    }
}
