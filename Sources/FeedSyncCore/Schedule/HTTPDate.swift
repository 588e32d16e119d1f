/// HTTP dates (RFC 9110 §5.6.7): parsing the three forms a recipient must accept, and
/// formatting the one a sender must use.
///
/// Used for `Retry-After`, `Expires` and `Date`. Pure: no clock, no locale.
public enum HTTPDate {
    private static let months = ["jan", "feb", "mar", "apr", "may", "jun",
                                 "jul", "aug", "sep", "oct", "nov", "dec"]
    private static let weekdays = ["Thu", "Fri", "Sat", "Sun", "Mon", "Tue", "Wed"]  // 1970-01-01 was a Thursday

    /// Parses IMF-fixdate (`Sun, 06 Nov 1994 08:49:37 GMT`), RFC 850
    /// (`Sunday, 06-Nov-94 08:49:37 GMT`) and asctime (`Sun Nov  6 08:49:37 1994`).
    ///
    /// Lenient where senders commonly stray: the weekday is ignored, `UTC`, `UT`, `Z` and numeric
    /// offsets (`+0100`) are accepted as zones, and a missing zone means GMT. A two-digit year
    /// below 70 is 20xx, else 19xx. Returns nil for anything else.
    public static func parse(_ text: String) -> Timestamp? {
        var day: Int?, month: Int?, year: Int?, clock: (Int, Int, Int)?, offset = 0
        let tokens = text.split(whereSeparator: { $0 == " " || $0 == "," || $0 == "\t" })
            .flatMap { token in token.contains(":") ? [token] : token.split(separator: "-", omittingEmptySubsequences: true) }
        for raw in tokens {
            let token = raw.lowercased()
            if token.contains(":") {
                let parts = token.split(separator: ":").map { Int($0) }
                guard clock == nil, parts.count == 3, let h = parts[0], let m = parts[1], let s = parts[2] else { return nil }
                clock = (h, m, s)
            } else if let number = Int(token), token.unicodeScalars.allSatisfy({ ("0"..."9").contains($0) }) {
                if day == nil && token.count <= 2 && year == nil {
                    day = number
                } else if year == nil && (token.count == 4 || token.count == 2) {
                    year = token.count == 2 ? (number < 70 ? 2000 + number : 1900 + number) : number
                } else {
                    return nil
                }
            } else if (token.hasPrefix("+") || token.hasPrefix("-")) && token.count == 5,
                      let hhmm = Int(token.dropFirst()) {
                let seconds = (hhmm / 100) * 3600 + (hhmm % 100) * 60
                offset = token.hasPrefix("-") ? -seconds : seconds
            } else if let m = months.firstIndex(where: { token.hasPrefix($0) }), month == nil, token.count >= 3,
                      token.count == 3 || isMonthName(token) {
                month = m + 1
            } else if ["gmt", "utc", "ut", "z"].contains(token) || isWeekday(token) {
                continue
            } else {
                return nil
            }
        }
        guard let d = day, let m = month, let y = year, let (h, mi, s) = clock else { return nil }
        return Timestamp(year: y, month: m, day: d, hour: h, minute: mi, second: s, offsetSeconds: offset)
    }

    /// IMF-fixdate, the form HTTP senders must use: `Sun, 06 Nov 1994 08:49:37 GMT`.
    public static func format(_ time: Timestamp) -> String {
        let days = time.seconds >= 0 ? time.seconds / 86_400 : (time.seconds - 86_399) / 86_400
        let secs = Int(time.seconds - days * 86_400)
        let (y, m, d) = Timestamp.civilFromDays(days)
        let weekday = weekdays[Int(((days % 7) + 7) % 7)]
        func two(_ v: Int) -> String { v < 10 ? "0\(v)" : "\(v)" }
        let month = months[m - 1].prefix(1).uppercased() + months[m - 1].dropFirst()
        return "\(weekday), \(two(d)) \(month) \(y) \(two(secs / 3600)):\(two(secs / 60 % 60)):\(two(secs % 60)) GMT"
    }

    private static func isMonthName(_ token: String) -> Bool {
        ["january", "february", "march", "april", "may", "june", "july", "august", "september",
         "october", "november", "december"].contains(token)
    }

    private static func isWeekday(_ token: String) -> Bool {
        ["mon", "tue", "wed", "thu", "fri", "sat", "sun", "monday", "tuesday", "wednesday", "thursday",
         "friday", "saturday", "sunday"].contains(token)
    }
}
