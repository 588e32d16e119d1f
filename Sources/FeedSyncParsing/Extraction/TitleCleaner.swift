/// Cleans a `<title>` of the site name around it ("Story | Site", "Site » Section » Story",
/// "Site: Story"), after Readability's `_getArticleTitle`.
enum TitleCleaner {
    static let separators: Set<Character> = ["|", "-", "–", "—", "\\", "/", ">", "»", "·", "•", "::"].reduce(into: []) {
        if let c = $1.first, $1.count == 1 { $0.insert(c) }
    }
    static let hierarchical: Set<Character> = ["\\", "/", ">", "»"]

    static func clean(_ original: String, headings: [String], h1s: [String]) -> String {
        let orig = original.collapsingWhitespace()
        let cleaned = readabilityClean(orig, headings: headings, h1s: h1s)
        guard cleaned == orig else { return cleaned }
        // Nothing was cut (short titles, "Story_Channel_Site"): an `h1` that is one of the title's
        // parts, other than the last (where site names go), is the article's own title.
        let parts = splitParts(orig)
        if parts.count > 1, let h = h1s.first(where: { h in parts.dropLast().contains(h) }) { return h }
        return orig
    }

    /// Readability's `_getArticleTitle`.
    static func readabilityClean(_ orig: String, headings: [String], h1s: [String]) -> String {
        var cur = orig
        var hadHierarchical = false
        let chars = Array(orig)
        // Positions of " X " where X is a separator.
        var seps: [Int] = []
        if chars.count >= 3 {
            for i in 1..<(chars.count - 1) where chars[i - 1] == " " && chars[i + 1] == " " && separators.contains(chars[i]) {
                seps.append(i)
                if hierarchical.contains(chars[i]) { hadHierarchical = true }
            }
        }
        if let last = seps.last {
            cur = String(chars[..<(last - 1)])
            if wordCount(cur) < 3, let first = chars.firstIndex(where: { separators.contains($0) }) {
                cur = String(chars[(first + 1)...])
            }
        } else if orig.contains(": ") {
            if !headings.contains(where: { $0 == orig }) {
                if let r = orig.range(of: ":", options: .backwards) {
                    cur = String(orig[r.upperBound...])
                }
                if wordCount(cur) < 3, let r = orig.range(of: ":") {
                    cur = String(orig[r.upperBound...])
                } else if let r = orig.range(of: ":"), wordCount(String(orig[..<r.lowerBound])) > 5 {
                    cur = orig
                }
            }
        } else if orig.count > 150 || orig.count < 15 {
            if h1s.count == 1 { cur = h1s[0] }
        }
        cur = cur.collapsingWhitespace()
        let n = wordCount(cur)
        if n <= 4 {
            let withoutSeps = String(orig.filter { !separators.contains($0) })
            if !hadHierarchical || n != wordCount(withoutSeps) - 1 { cur = orig }
        }
        return cur
    }

    /// The title cut at spaced separators (" | ", " - ", " » ") and at "_", "|" or "｜" anywhere
    /// (CJK titles run the parts together: "新闻标题_频道_网站").
    static func splitParts(_ title: String) -> [String] {
        let chars = Array(title)
        var parts: [String] = []
        var current = ""
        for (i, ch) in chars.enumerated() {
            let spaced = i > 0 && i + 1 < chars.count && chars[i - 1] == " " && chars[i + 1] == " "
            if ch == "_" || ch == "|" || ch == "｜" || (spaced && separators.contains(ch)) {
                let t = current.collapsingWhitespace()
                if !t.isEmpty { parts.append(t) }
                current = ""
            } else {
                current.append(ch)
            }
        }
        let t = current.collapsingWhitespace()
        if !t.isEmpty { parts.append(t) }
        return parts
    }

    static func wordCount(_ s: String) -> Int { s.split(whereSeparator: { $0.isWhitespace }).count }
}
