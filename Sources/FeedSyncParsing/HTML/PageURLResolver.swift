import Foundation

/// Resolves links found in an HTML page against the page's base: `<base href>` (itself resolved
/// against the document URL) else the document URL (RFC 3986 §5; HTML's "document base URL").
struct PageURLResolver {
    /// The base every relative reference is resolved against; nil when the page's URL is unknown.
    let base: URL?

    /// - Parameters:
    ///   - documentURL: the URL the page was fetched from (after redirects).
    ///   - baseHref: the first `<base href>` value, if the page has one.
    init(documentURL: String?, baseHref: String?) {
        let doc = documentURL.flatMap { URL(string: Self.escape($0)) }
        if let baseHref, let b = Self.resolve(baseHref, against: doc), b.scheme != nil {
            base = b
        } else {
            base = doc
        }
    }

    /// The absolute form of `href`; nil for empty and `javascript:` links. Without a base, a relative
    /// reference is returned as written rather than dropped.
    func resolve(_ href: String) -> String? {
        let cleaned = Self.clean(href)
        if cleaned.isEmpty { return nil }
        if cleaned.lowercased().hasPrefix("javascript:") { return nil }
        guard let url = Self.resolve(cleaned, against: base) else { return cleaned }
        return url.absoluteString
    }

    private static func resolve(_ href: String, against base: URL?) -> URL? {
        let escaped = escape(clean(href))
        guard let url = URL(string: escaped, relativeTo: base) else { return nil }
        return url.absoluteURL
    }

    /// Browsers drop tabs and newlines anywhere in a URL and trim surrounding spaces (URL standard).
    private static func clean(_ s: String) -> String {
        String(s.unicodeScalars.filter { $0 != "\t" && $0 != "\n" && $0 != "\r" })
            .trimmingCharacters(in: .whitespaces)
    }

    /// Percent-encodes what `URL(string:)` rejects (spaces, non-ASCII, a few delimiters) and leaves
    /// existing escapes alone.
    private static func escape(_ s: String) -> String {
        let unsafe: Set<UInt8> = Set(" \"<>\\^`{|}".utf8)
        var out = ""
        out.reserveCapacity(s.utf8.count)
        let hex = Array("0123456789ABCDEF".utf8)
        for b in s.utf8 {
            if b >= 0x80 || b < 0x20 || unsafe.contains(b) {
                out.unicodeScalars.append("%")
                out.unicodeScalars.append(Unicode.Scalar(hex[Int(b >> 4)]))
                out.unicodeScalars.append(Unicode.Scalar(hex[Int(b & 0xF)]))
            } else {
                out.unicodeScalars.append(Unicode.Scalar(b))
            }
        }
        return out
    }
}
