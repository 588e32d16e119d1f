import Foundation

/// Rendering of one spool file for `tail`.
public enum ItemSummary {
    /// The file as a JSON object, or nil when it is not one.
    public static func object(_ data: Data) -> [String: Any]? {
        (try? JSONSerialization.jsonObject(with: data)) as? [String: Any]
    }

    /// One JSON line for `tail --format jsonl`: the file itself, or a Maildir message's headers as JSON.
    public static func jsonLine(data: Data, fileName: String) -> String {
        if let s = String(data: data, encoding: .utf8), s.hasPrefix("{") {
            return s.trimmingCharacters(in: .whitespacesAndNewlines)
        }
        // Maildir message: the X-Feedsync headers and the subject.
        let h = MailHeaders(data)
        var o = JSONObjectBuilder()
        o.add("id", h["X-Feedsync-Id"])
        o.add("event", h["X-Feedsync-Event"])
        o.add("source", h["X-Feedsync-Source"])
        o.add("title", h["Subject"].map(MailHeaders.decodeWords))
        o.add("link", h["X-Feedsync-Link"])
        o.add("date", h["Date"])
        o.add("file", fileName)
        return o.value.serialized()
    }

    /// One human line for `tail --format text`: time, source, title, link.
    public static func textLine(data: Data, fileName: String) -> String {
        if let o = object(data) {
            let time = (o["published"] as? String) ?? (o["updated"] as? String) ?? (o["fetched_at"] as? String) ?? "-"
            let title = ((o["title"] as? String) ?? "(no title)").replacingOccurrences(of: "\n", with: " ")
            return "\(time) \(o["source"] as? String ?? "-") \(title) \(o["link"] as? String ?? "")"
        }
        let h = MailHeaders(data)
        return "\(h["Date"] ?? "-") \(h["X-Feedsync-Source"] ?? "-") \(h["Subject"].map(MailHeaders.decodeWords) ?? "(no title)") \(h["X-Feedsync-Link"] ?? "")"
    }
}
