/// The text and HTML parts of an item's Maildir message: the item's text or HTML, then what a mail
/// reader must not lose: enclosures (podcast episodes), the diff of a changed page, the link.
enum MailBody {
    static func text(_ item: SpoolItem) -> String {
        let e = item.entry
        var blocks: [String] = []
        if let text = e.text, !text.isEmpty { blocks.append(text) }
        if !e.enclosures.isEmpty {
            blocks.append((["Enclosures:"] + e.enclosures.map { "  " + $0.url + describe($0) }).joined(separator: "\n"))
        }
        if let diff = item.diff, !diff.isEmpty { blocks.append("Changes:\n" + diff) }
        if let error = item.fullTextError { blocks.append("(full text: \(error))") }
        if let link = e.link { blocks.append(link) }
        return blocks.joined(separator: "\n\n")
    }

    static func html(_ item: SpoolItem) -> String {
        let e = item.entry
        let title = InlineText.escape(e.title.map(InlineText.plain) ?? "")
        var out = "<html><body><h1>\(title)</h1>" + (e.content ?? e.summary ?? "")
        if !e.enclosures.isEmpty {
            out += "<p>Enclosures:</p><ul>"
            for enclosure in e.enclosures {
                let url = InlineText.escape(enclosure.url)
                out += "<li><a href=\"\(url)\">\(url)</a>\(InlineText.escape(describe(enclosure)))</li>"
            }
            out += "</ul>"
        }
        if let diff = item.diff, !diff.isEmpty { out += "<p>Changes:</p><pre>\(InlineText.escape(diff))</pre>" }
        if let link = e.link { out += "<p><a href=\"\(InlineText.escape(link))\">\(InlineText.escape(link))</a></p>" }
        return out + "</body></html>"
    }

    /// ` (audio/mpeg, 482113 bytes)`, or what of it is known.
    static func describe(_ enclosure: Enclosure) -> String {
        var parts: [String] = []
        if let type = enclosure.type, !type.isEmpty { parts.append(type) }
        if let length = enclosure.length, length > 0 { parts.append("\(length) bytes") }
        return parts.isEmpty ? "" : " (" + parts.joined(separator: ", ") + ")"
    }
}
