import FeedSyncCore

extension DateParser {
    /// Perforce changelists: `[Day, ]YYYY/MM/DD hh:mm:ss zone`.
    static func parsePerforce(_ s: String) -> Timestamp? {
        var tokens = s.split(whereSeparator: { $0 == " " || $0 == "," }).map(String.init)
        if let f = tokens.first, f.allSatisfy(\.isLetter) { tokens.removeFirst() }
        guard tokens.count >= 2 else { return nil }
        let ymd = tokens[0].split(separator: "/")
        guard ymd.count == 3, ymd[0].count == 4, let y = Int(ymd[0]), let m = Int(ymd[1]), let d = Int(ymd[2]),
              let (h, mi, se) = clock(tokens[1]) else { return nil }
        var offset = 0
        if tokens.count >= 3 {
            guard let o = zoneOffset(tokens[2]) else { return nil }
            offset = o
        }
        guard tokens.count <= 3 else { return nil }
        return Timestamp(year: y, month: m, day: d, hour: h, minute: mi, second: se, offsetSeconds: offset * 60)
    }

    private static let greekMonths: [String: String] = [
        "Ιαν": "Jan", "Φεβ": "Feb", "Μάώ": "Mar", "Μαρ": "Mar", "Μάρ": "Mar", "Απρ": "Apr", "Μάι": "May",
        "Μαϊ": "May", "Μαι": "May", "Ιούν": "Jun", "Ιον": "Jun", "Ιούλ": "Jul", "Ιολ": "Jul", "Αύγ": "Aug",
        "Αυγ": "Aug", "Σεπ": "Sep", "Οκτ": "Oct", "Νοέ": "Nov", "Νοε": "Nov", "Δεκ": "Dec",
    ]
    private static let greekDays: Set<String> = ["Κυρ", "Δευ", "Τρι", "Τετ", "Πεμ", "Παρ", "Σαβ"]

    /// Greek RFC 822: `Κυρ, 11 Ιούλ 2004 12:00:00 EST`.
    static func parseGreek(_ s: String) -> Timestamp? {
        var tokens = s.split(whereSeparator: { $0 == " " || $0 == "," }).map(String.init)
        guard tokens.count >= 3 else { return nil }
        if greekDays.contains(tokens[0]) { tokens.removeFirst() }
        guard tokens.count >= 3, let month = greekMonths[tokens[1]] else { return nil }
        tokens[1] = month
        return parseRFC822(tokens.joined(separator: " "))
    }

    private static let hungarianMonths: [String: Int] = [
        "január": 1, "február": 2, "március": 3, "április": 4, "május": 5, "máj": 5, "június": 6,
        "július": 7, "augusztus": 8, "szeptember": 9, "október": 10, "november": 11, "december": 12,
    ]

    /// Hungarian W3CDTF with month names: `2004-július-13T9:15-05:00`.
    static func parseHungarian(_ s: String) -> Timestamp? {
        let parts = s.split(separator: "-", maxSplits: 2, omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0].count == 4, let month = hungarianMonths[String(parts[1]).lowercased()] else { return nil }
        var rest = String(parts[2])
        // The hour may have one digit.
        if let t = rest.firstIndex(of: "T") {
            let hourStart = rest.index(after: t)
            if let colon = rest[hourStart...].firstIndex(of: ":"), rest.distance(from: hourStart, to: colon) == 1 {
                rest.insert("0", at: hourStart)
            }
        }
        return parseISO8601(String(parts[0]) + "-" + (month < 10 ? "0" : "") + String(month) + "-" + rest)
    }

    /// Korean portals: `2004-05-25 오후 11:23:17` (Nate) and `2004년 05월 28일  01:31:15` (OnBlog),
    /// both in Korea Standard Time.
    static func parseKorean(_ s: String) -> Timestamp? {
        let tokens = s.split(separator: " ").map(String.init)
        if tokens.count == 3, tokens[1] == "오전" || tokens[1] == "오후" {
            let ymd = tokens[0].split(separator: "-")
            guard ymd.count == 3, let y = Int(ymd[0]), let m = Int(ymd[1]), let d = Int(ymd[2]),
                  let (hour, mi, se) = clock(tokens[2]) else { return nil }
            var h = hour
            if tokens[1] == "오후" && h < 12 { h += 12 }
            if tokens[1] == "오전" && h == 12 { h = 0 }
            return Timestamp(year: y, month: m, day: d, hour: h, minute: mi, second: se, offsetSeconds: 9 * 3600)
        }
        if tokens.count == 4, tokens[0].hasSuffix("년"), tokens[1].hasSuffix("월"), tokens[2].hasSuffix("일"),
           let y = Int(tokens[0].dropLast()), let m = Int(tokens[1].dropLast()), let d = Int(tokens[2].dropLast()),
           let (h, mi, se) = clock(tokens[3]) {
            return Timestamp(year: y, month: m, day: d, hour: h, minute: mi, second: se, offsetSeconds: 9 * 3600)
        }
        return nil
    }
}
