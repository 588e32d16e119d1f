import Foundation

/// RFC 5322 rendering of an item for `spool_format = "maildir"`: mutt, neomutt and notmuch read the
/// spool as a Maildir as is.
///
/// Headers are ASCII; non-ASCII words are RFC 2047 encoded-words (UTF-8, base64). The body is
/// `multipart/alternative` with a text part and an HTML part, both quoted-printable: readable in
/// the file (so `grep` finds words), with lines under 76 characters. `From` names the feed (the
/// list an item comes from), `List-Id` the source, so clients filter by either; the entry's author
/// is in `X-Feedsync-Author`.
public enum MaildirMessage {
    public static func render(_ item: SpoolItem) -> [UInt8] {
        let e = item.entry
        var h: [(String, String)] = []
        let date = e.published ?? e.updated ?? item.fetchedAt
        h.append(("Date", rfc5322Date(date)))
        let feed = item.feedTitle.map(InlineText.plain).flatMap { $0.isEmpty ? nil : $0 } ?? item.source
        h.append(("From", "\(displayName(feed)) <\(item.source)@feedsync.invalid>"))
        h.append(("Subject", encodeWord(e.title.map(InlineText.plain) ?? "(no title)")))
        h.append(("Message-ID", "<\(item.id).\(item.event == .new ? "" : (item.previousHash ?? "u") + ".")\(item.source)@feedsync>"))
        h.append(("MIME-Version", "1.0"))
        // RFC 2919: a list identifier per source (source names are [a-z0-9._-]).
        h.append(("List-Id", "\(displayName(feed)) <\(item.source).feedsync>"))
        h.append(("X-Feedsync-Source", item.source))
        h.append(("X-Feedsync-Id", item.id))
        h.append(("X-Feedsync-Event", item.event.rawValue))
        if let link = e.link { h.append(("X-Feedsync-Link", asciiSafe(link))) }
        if let guid = e.id { h.append(("X-Feedsync-Guid", asciiSafe(guid))) }
        let authors = (e.authors.isEmpty ? (e.author.map { [$0] } ?? []) : e.authors).compactMap(\.displayName)
        if !authors.isEmpty { h.append(("X-Feedsync-Author", encodeWord(authors.joined(separator: ", ")))) }
        // Tags have no commas (config): the list reads back unambiguously (MaildirFolder.folder).
        if !item.tags.isEmpty { h.append(("X-Feedsync-Tags", encodeWord(item.tags.joined(separator: ", ")))) }
        if let d = item.duplicateOf { h.append(("X-Feedsync-Duplicate-Of", "\(d.id) (\(d.source))")) }
        if let error = item.fullTextError { h.append(("X-Feedsync-Full-Text-Error", encodeWord(error))) }
        let boundary = "feedsync-\(item.id)"
        h.append(("Content-Type", "multipart/alternative; boundary=\"\(boundary)\""))

        var out = ""
        for (k, v) in h { out += "\(k): \(v)\r\n" }
        out += "\r\n"
        out += "--\(boundary)\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: quoted-printable\r\n\r\n"
        out += QuotedPrintable.encode(MailBody.text(item))
        out += "--\(boundary)\r\nContent-Type: text/html; charset=utf-8\r\nContent-Transfer-Encoding: quoted-printable\r\n\r\n"
        out += QuotedPrintable.encode(MailBody.html(item))
        out += "--\(boundary)--\r\n"
        return Array(out.utf8)
    }

    /// A display name for `From` and `List-Id` (RFC 5322 §3.4): an encoded-word when not ASCII, a
    /// quoted-string when it holds specials (a feed titled "News, Sport & More" must not read as
    /// two addresses), else as is.
    static func displayName(_ s: String) -> String {
        let clean = s.replacingNewlines()
        let ascii = clean.unicodeScalars.allSatisfy { $0.isASCII && $0.value >= 0x20 && $0.value != 0x7F }
        guard ascii, !clean.contains("=?") else { return encodeWord(clean) }
        let specials = Set("()<>[]:;@\\,.\"")
        guard clean.contains(where: { specials.contains($0) }) else { return clean }
        return "\"" + clean.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\""
    }

    static func asciiSafe(_ s: String) -> String {
        String(String.UnicodeScalarView(s.unicodeScalars.filter { $0.isASCII && $0.value >= 0x20 && $0.value != 0x7F }))
    }

    /// An RFC 2047 encoded-word when needed (non-ASCII or control characters), folded to stay under
    /// 76 characters per encoded-word.
    static func encodeWord(_ s: String) -> String {
        let clean = s.replacingNewlines()
        if clean.unicodeScalars.allSatisfy({ $0.isASCII && $0.value >= 0x20 && $0.value != 0x7F }) && !clean.contains("=?") {
            return clean
        }
        var words: [String] = []
        var chunk = [UInt8]()
        for ch in clean {
            let bytes = Array(String(ch).utf8)
            if chunk.count + bytes.count > 45 { words.append("=?UTF-8?B?\(base64(chunk))?="); chunk = [] }
            chunk += bytes
        }
        if !chunk.isEmpty { words.append("=?UTF-8?B?\(base64(chunk))?=") }
        return words.joined(separator: "\r\n ")
    }

    static func rfc5322Date(_ t: Timestamp) -> String {
        let days = t.seconds >= 0 ? t.seconds / 86_400 : (t.seconds - 86_399) / 86_400
        let secs = Int(t.seconds - days * 86_400)
        let (y, m, d) = Timestamp.civilFromDays(days)
        let weekday = ["Thu", "Fri", "Sat", "Sun", "Mon", "Tue", "Wed"][Int(((days % 7) + 7) % 7)]
        let month = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"][m - 1]
        func p(_ v: Int) -> String { v < 10 ? "0\(v)" : "\(v)" }
        return "\(weekday), \(d) \(month) \(y) \(p(secs / 3600)):\(p(secs / 60 % 60)):\(p(secs % 60)) +0000"
    }


    static let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".utf8)

    static func base64(_ data: [UInt8]) -> String {
        var out = [UInt8]()
        out.reserveCapacity((data.count + 2) / 3 * 4)
        var i = 0
        while i + 2 < data.count {
            let n = UInt32(data[i]) << 16 | UInt32(data[i + 1]) << 8 | UInt32(data[i + 2])
            out += [alphabet[Int(n >> 18 & 63)], alphabet[Int(n >> 12 & 63)], alphabet[Int(n >> 6 & 63)], alphabet[Int(n & 63)]]
            i += 3
        }
        let rest = data.count - i
        if rest == 1 {
            let n = UInt32(data[i]) << 16
            out += [alphabet[Int(n >> 18 & 63)], alphabet[Int(n >> 12 & 63)], 61, 61]
        } else if rest == 2 {
            let n = UInt32(data[i]) << 16 | UInt32(data[i + 1]) << 8
            out += [alphabet[Int(n >> 18 & 63)], alphabet[Int(n >> 12 & 63)], alphabet[Int(n >> 6 & 63)], 61]
        }
        return String(decoding: out, as: UTF8.self)
    }
}

extension String {
    func replacingNewlines() -> String {
        String(String.UnicodeScalarView(unicodeScalars.map { $0 == "\n" || $0 == "\r" || $0 == "\t" ? " " : $0 }))
    }
}
