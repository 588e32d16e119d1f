/// The general path of `InlineText`: the rules on `Character`s, for strings with a scalar that may
/// join a delimiter into one grapheme cluster (a combining mark after `<`, a prepended mark before
/// a space). Rare in titles; the byte path handles everything else with the same output.
extension InlineText {
    static func plainByCharacters(_ html: String) -> String {
        guard html.contains("<") || html.contains("&") else { return collapseByCharacters(html) }
        var out = ""
        var i = html.startIndex
        while i < html.endIndex {
            let c = html[i]
            if c == "<", let close = html[i...].firstIndex(of: ">") {
                i = html.index(after: close)
                continue
            }
            if c == "&", let semi = html[i...].prefix(12).firstIndex(of: ";") {
                let name = html[html.index(after: i)..<semi]
                if let decoded = entity(name) {
                    out.append(decoded)
                    i = html.index(after: semi)
                    continue
                }
            }
            out.append(c)
            i = html.index(after: i)
        }
        return collapseByCharacters(out)
    }

    static func collapseByCharacters(_ s: String) -> String {
        s.split(whereSeparator: { $0.isWhitespace }).joined(separator: " ")
    }
}
