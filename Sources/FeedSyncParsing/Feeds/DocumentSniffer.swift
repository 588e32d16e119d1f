/// Tells an HTML page from a feed by its first element, for sources of type `auto`.
enum DocumentSniffer {
    /// Root elements that make a document a feed, whatever the server calls it.
    private static let feedRoots: Set<String> = ["rss", "feed", "rdf:rdf", "channel", "rdf"]

    /// True when the document's first element is `<html>`, or when it is served as `text/html`
    /// and its first element is not a feed's.
    static func looksLikeHTMLPage(_ body: [UInt8], mediaType: String) -> Bool {
        guard let root = firstElementName(body) else { return mediaType == "text/html" }
        if root == "html" { return true }
        if feedRoots.contains(root) { return false }
        return mediaType == "text/html" || mediaType == "application/xhtml+xml"
    }

    /// The lower-cased name of the first element, skipping a BOM, whitespace, comments, PIs and
    /// the DOCTYPE; nil if the document does not start like ASCII-compatible markup.
    static func firstElementName(_ b: [UInt8]) -> String? {
        var i = 0
        if b.count >= 3, b[0] == 0xEF, b[1] == 0xBB, b[2] == 0xBF { i = 3 }
        let n = min(b.count, 64 * 1024)
        func skip(to terminator: [UInt8], from j: Int) -> Int {
            var k = j
            while k + terminator.count <= n {
                if Array(b[k..<(k + terminator.count)]) == terminator { return k + terminator.count }
                k += 1
            }
            return n
        }
        while i < n {
            if b[i].isASCIIWhitespace { i += 1; continue }
            guard b[i] == UInt8(ascii: "<"), i + 1 < n else { return nil }
            let next = b[i + 1]
            if next == UInt8(ascii: "?") { i = skip(to: Array("?>".utf8), from: i + 2); continue }
            if next == UInt8(ascii: "!") {
                if i + 3 < n, b[i + 2] == UInt8(ascii: "-"), b[i + 3] == UInt8(ascii: "-") {
                    i = skip(to: Array("-->".utf8), from: i + 4)
                } else {
                    i = skip(to: [UInt8(ascii: ">")], from: i + 2)
                }
                continue
            }
            var j = i + 1
            while j < n, !b[j].isASCIIWhitespace, b[j] != UInt8(ascii: ">"), b[j] != UInt8(ascii: "/") { j += 1 }
            return j > i + 1 ? String(decoding: b[(i + 1)..<j], as: UTF8.self).lowercased() : nil
        }
        return nil
    }
}
