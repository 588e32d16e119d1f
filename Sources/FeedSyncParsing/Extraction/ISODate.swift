import FeedSyncCore

/// Parses the ISO 8601 / RFC 3339 dates pages put in `<meta>`, `<time datetime>` and JSON-LD
/// (`2019-11-19`, `2019-11-19T10:00Z`, `2019-11-19 10:00:00.123+01:00`, `20191119T1000`).
/// Other formats go to `DateParser`.
enum ISODate {
    static func parse(_ raw: String) -> Timestamp? {
        let s = Array(raw.trimmingWhitespace().utf8)
        var i = 0
        func digits(_ n: Int) -> Int? {
            guard i + n <= s.count else { return nil }
            var v = 0
            for k in 0..<n {
                let c = s[i + k]
                guard c >= 48 && c <= 57 else { return nil }
                v = v * 10 + Int(c - 48)
            }
            i += n
            return v
        }
        func skip(_ c: UInt8) -> Bool {
            if i < s.count && s[i] == c { i += 1; return true }
            return false
        }
        guard let year = digits(4) else { return nil }
        let dashed = skip(UInt8(ascii: "-"))
        guard let month = digits(2) else { return nil }
        if dashed { guard skip(UInt8(ascii: "-")) else { return nil } }
        guard let day = digits(2) else { return nil }
        var hour = 0, minute = 0, second = 0, offset = 0
        if i < s.count && (s[i] == UInt8(ascii: "T") || s[i] == UInt8(ascii: "t") || s[i] == UInt8(ascii: " ")) {
            i += 1
            guard let h = digits(2) else { return nil }
            let colon = skip(UInt8(ascii: ":"))
            guard let m = digits(2) else { return nil }
            hour = h; minute = m
            if colon ? skip(UInt8(ascii: ":")) : (i < s.count && s[i] >= 48 && s[i] <= 57) {
                guard let sec = digits(2) else { return nil }
                second = sec
            }
            if skip(UInt8(ascii: ".")) || skip(UInt8(ascii: ",")) {
                while i < s.count && s[i] >= 48 && s[i] <= 57 { i += 1 }
            }
            _ = skip(UInt8(ascii: " "))
            if skip(UInt8(ascii: "Z")) || skip(UInt8(ascii: "z")) {
                offset = 0
            } else if i < s.count && (s[i] == UInt8(ascii: "+") || s[i] == UInt8(ascii: "-")) {
                let sign = s[i] == UInt8(ascii: "-") ? -1 : 1
                i += 1
                guard let oh = digits(2) else { return nil }
                _ = skip(UInt8(ascii: ":"))
                let om = digits(2) ?? 0
                guard oh <= 18, om < 60 else { return nil }
                offset = sign * (oh * 3600 + om * 60)
            }
        }
        // Trailing garbage (a weekday, "GMT") makes the string something other than ISO 8601.
        let rest = s[i...].filter { $0 != 32 }
        if !rest.isEmpty && !(rest.elementsEqual(Array("GMT".utf8)) || rest.elementsEqual(Array("UTC".utf8))) {
            return nil
        }
        guard year >= 1900, year <= 2200 else { return nil }
        return Timestamp(year: year, month: month, day: day, hour: hour, minute: minute, second: second,
                         offsetSeconds: offset)
    }

    /// ISO 8601 first, then the feed date parser's formats.
    static func parseAny(_ raw: String) -> Timestamp? {
        parse(raw) ?? DateParser.parse(raw)
    }
}
