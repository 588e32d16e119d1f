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
        b.withUnsafeBufferPointer { b in
            guard let i = prolog(b).element else { return nil }
            let n = min(b.count, prologLimit)
            var j = i + 1
            while j < n, !b[j].isASCIIWhitespace, b[j] != UInt8(ascii: ">"), b[j] != UInt8(ascii: "/") { j += 1 }
            return j > i + 1 ? String(decoding: UnsafeBufferPointer(rebasing: b[(i + 1)..<j]), as: UTF8.self).lowercased() : nil
        }
    }

    /// Whether a DOCTYPE (or any other `<!` declaration) may come before the first element (true
    /// also when no element starts the document as it should). Without one, libxml2 refuses
    /// every reference XML does not define, so such a document can be parsed as it is and
    /// repaired only if it is refused.
    static func mayHaveDoctype(_ b: UnsafeBufferPointer<UInt8>) -> Bool {
        let p = prolog(b)
        return p.doctype || p.element == nil
    }

    /// How far the prolog is looked at.
    private static let prologLimit = 64 * 1024

    /// Walks the prolog (a BOM, whitespace, PIs, comments, declarations): whether it declares
    /// anything (`<!DOCTYPE ...>`), and where the first element's `<` is (nil if something else
    /// comes first, or nothing within `prologLimit` bytes).
    private static func prolog(_ b: UnsafeBufferPointer<UInt8>) -> (doctype: Bool, element: Int?) {
        var i = 0
        if b.count >= 3, b[0] == 0xEF, b[1] == 0xBB, b[2] == 0xBF { i = 3 }
        let n = min(b.count, prologLimit)
        let window = UnsafeBufferPointer(rebasing: b[0..<n])
        func skip(to terminator: StaticString, from j: Int) -> Int {
            let k = terminator.withUTF8Buffer { ByteScan.find($0, in: window, from: min(j, n)) }
            return k < n ? k + terminator.utf8CodeUnitCount : n
        }
        var doctype = false
        while i < n {
            if b[i].isASCIIWhitespace { i += 1; continue }
            guard b[i] == UInt8(ascii: "<"), i + 1 < n else { return (doctype, nil) }
            let next = b[i + 1]
            if next == UInt8(ascii: "?") { i = skip(to: "?>", from: i + 2); continue }
            if next == UInt8(ascii: "!") {
                if i + 3 < n, b[i + 2] == UInt8(ascii: "-"), b[i + 3] == UInt8(ascii: "-") {
                    i = skip(to: "-->", from: i + 4)
                } else {
                    doctype = true
                    i = skip(to: ">", from: i + 2)
                }
                continue
            }
            return (doctype, i)
        }
        return (doctype, nil)
    }
}
