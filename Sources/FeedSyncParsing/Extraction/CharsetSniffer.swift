import Foundation

/// Decides which character encoding to hand to `htmlReadMemory` for a page.
///
/// Order, after the WHATWG encoding-sniffing algorithm: a byte-order mark, then the HTTP
/// `Content-Type` charset, then `<meta charset>` / `<meta http-equiv="Content-Type">` in the first
/// 64 KB, then UTF-8 when the bytes are valid UTF-8, else windows-1252. One departure: a page whose
/// `<meta>` claims a single-byte Latin charset but whose bytes are valid UTF-8 with multi-byte
/// sequences is read as UTF-8, because CMS templates keep stale `iso-8859-1` declarations far more
/// often than Latin-1 text happens to form valid UTF-8.
enum CharsetSniffer {
    /// Where the decision came from (for tests and diagnostics).
    enum Source: Equatable { case byteOrderMark, httpHeader, meta, validUTF8, fallback }

    /// How far into the document `<meta>` declarations are looked for.
    static let prescanLimit = 65_536

    /// The encoding name (one libxml2/iconv knows) and where it came from.
    static func sniff(_ bytes: [UInt8], contentType: String?) -> (encoding: String, source: Source) {
        if bytes.count >= 3, bytes[0] == 0xEF, bytes[1] == 0xBB, bytes[2] == 0xBF { return ("UTF-8", .byteOrderMark) }
        if bytes.count >= 2, bytes[0] == 0xFF, bytes[1] == 0xFE { return ("UTF-16LE", .byteOrderMark) }
        if bytes.count >= 2, bytes[0] == 0xFE, bytes[1] == 0xFF { return ("UTF-16BE", .byteOrderMark) }
        if let header = contentType.flatMap(charsetParameter), let name = canonicalName(header) {
            return (name, .httpHeader)
        }
        if let declared = metaCharset(bytes), let name = canonicalName(declared) {
            // A UTF-16 declaration inside an ASCII-compatible byte stream is a lie (WHATWG: treat as UTF-8).
            if name.hasPrefix("UTF-16") { return ("UTF-8", .meta) }
            if name == "windows-1252" || name.hasPrefix("ISO-8859") {
                if UTF8Check.scan(bytes) == .validWithMultibyte { return ("UTF-8", .validUTF8) }
            }
            return (name, .meta)
        }
        return UTF8Check.scan(bytes) == .invalid ? ("windows-1252", .fallback) : ("UTF-8", .validUTF8)
    }

    /// The `charset` parameter of a `Content-Type` value, unquoted.
    static func charsetParameter(_ contentType: String) -> String? {
        for part in contentType.split(separator: ";").dropFirst() {
            let kv = part.split(separator: "=", maxSplits: 1)
            guard kv.count == 2,
                  kv[0].trimmingHTTPWhitespace().lowercased() == "charset" else { continue }
            let value = kv[1].trimmingHTTPWhitespace().trimmingCharacters(in: ["\"", "'"])
            return value.isEmpty ? nil : value
        }
        return nil
    }

    /// Maps a charset label to a name libxml2's iconv accepts, folding labels the way browsers do
    /// (`iso-8859-1` and `ascii` mean windows-1252; `gb2312` means GB18030; `euc-kr` means CP949).
    /// Returns nil for labels that are empty or unknown to this table and look unsafe.
    static func canonicalName(_ label: String) -> String? {
        let l = label.trimmingHTTPWhitespace().lowercased()
        guard !l.isEmpty, l.count < 40,
              l.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || "-_.:".contains($0)) }) else { return nil }
        switch l {
        case "utf-8", "utf8", "unicode-1-1-utf-8", "x-unicode20utf8": return "UTF-8"
        case "iso-8859-1", "latin1", "l1", "iso8859-1", "iso_8859-1", "us-ascii", "ascii", "ansi_x3.4-1968",
             "windows-1252", "cp1252", "x-cp1252", "cp819", "ibm819", "iso-ir-100": return "windows-1252"
        case "gb2312", "gbk", "gb18030", "x-gbk", "chinese", "csgb2312", "iso-ir-58": return "GB18030"
        case "big5", "big5-hkscs", "x-x-big5", "cn-big5": return "BIG5-HKSCS"
        case "shift_jis", "shift-jis", "sjis", "x-sjis", "ms_kanji", "windows-31j", "cp932": return "CP932"
        case "euc-jp", "x-euc-jp": return "EUC-JP"
        case "iso-2022-jp": return "ISO-2022-JP"
        case "euc-kr", "ks_c_5601-1987", "korean", "windows-949", "cp949": return "CP949"
        case "utf-16", "utf-16le": return "UTF-16LE"
        case "utf-16be": return "UTF-16BE"
        case "koi8-r", "koi8": return "KOI8-R"
        case "koi8-u": return "KOI8-U"
        case "tis-620", "iso-8859-11", "windows-874": return "CP874"
        default:
            if l.hasPrefix("windows-125"), l.count == 12 { return l }
            if l.hasPrefix("cp125"), l.count == 6, let d = l.last { return "windows-125" + String(d) }
            if l.hasPrefix("iso-8859-") || l.hasPrefix("iso8859-"), let part = l.split(separator: "-").last,
               let n = Int(part), (2...16).contains(n) {
                return "ISO-8859-\(n)"
            }
            return nil
        }
    }

    /// The charset a `<meta>` element declares in the document's first `prescanLimit` bytes.
    static func metaCharset(_ bytes: [UInt8]) -> String? {
        let end = min(bytes.count, prescanLimit)
        var i = 0
        while i + 5 < end {
            // A declaration inside a comment declares nothing.
            if bytes[i] == UInt8(ascii: "<"), bytes[i + 1] == UInt8(ascii: "!"), bytes[i + 2] == UInt8(ascii: "-"),
               bytes[i + 3] == UInt8(ascii: "-") {
                var j = i + 4
                while j + 2 < end, !(bytes[j] == UInt8(ascii: "-") && bytes[j + 1] == UInt8(ascii: "-")
                                     && bytes[j + 2] == UInt8(ascii: ">")) { j += 1 }
                i = j + 3
                continue
            }
            // Find "<meta" case-insensitively.
            if bytes[i] == UInt8(ascii: "<"), lower(bytes[i + 1]) == UInt8(ascii: "m"),
               lower(bytes[i + 2]) == UInt8(ascii: "e"), lower(bytes[i + 3]) == UInt8(ascii: "t"),
               lower(bytes[i + 4]) == UInt8(ascii: "a") {
                var j = i + 5
                while j < end, bytes[j] != UInt8(ascii: ">") { j += 1 }
                let tag = String(decoding: bytes[(i + 5)..<j], as: UTF8.self).lowercased()
                if let value = charsetInMetaTag(tag) { return value }
                i = j
            }
            i += 1
        }
        return nil
    }

    /// `charset=` inside one `<meta ...>` tag's attribute text (covers both the `charset`
    /// attribute and `content="text/html; charset=..."`).
    static func charsetInMetaTag(_ tag: String) -> String? {
        guard let r = tag.range(of: "charset") else { return nil }
        var rest = tag[r.upperBound...].drop(while: { $0 == " " })
        guard rest.first == "=" else { return nil }
        rest = rest.dropFirst().drop(while: { $0 == " " || $0 == "\"" || $0 == "'" })
        let value = rest.prefix(while: { !" \"';/>".contains($0) })
        return value.isEmpty ? nil : String(value)
    }

    private static func lower(_ b: UInt8) -> UInt8 { b >= 65 && b <= 90 ? b + 32 : b }
}

/// A fast UTF-8 validity scan (no allocation).
enum UTF8Check {
    enum Result: Equatable { case asciiOnly, validWithMultibyte, invalid }

    /// Validates UTF-8; an incomplete sequence cut off by the end of the buffer (a truncated download)
    /// does not count against it, and neither do stray invalid bytes when they are fewer than one
    /// in a hundred multi-byte sequences (one broken byte must not turn a whole page into mojibake).
    static func scan(_ bytes: [UInt8]) -> Result {
        var multibyte = 0, invalid = 0
        bytes.withUnsafeBufferPointer { buf in
            let n = buf.count
            var i = 0
            while i < n {
                let b = buf[i]
                if b < 0x80 { i += 1; continue }
                let len: Int
                if b >= 0xC2 && b <= 0xDF { len = 2 } else if b >= 0xE0 && b <= 0xEF { len = 3 }
                else if b >= 0xF0 && b <= 0xF4 { len = 4 } else { invalid += 1; i += 1; continue }
                if i + len > n {
                    // Cut off by the end of the buffer: fine if what is there is a valid prefix.
                    if (1..<(n - i)).allSatisfy({ buf[i + $0] & 0xC0 == 0x80 }) { break }
                    invalid += 1; i += 1; continue
                }
                var ok = true
                for k in 1..<len where buf[i + k] & 0xC0 != 0x80 { ok = false; break }
                if ok && len == 3 && ((b == 0xE0 && buf[i + 1] < 0xA0) || (b == 0xED && buf[i + 1] > 0x9F)) { ok = false }
                if ok && len == 4 && ((b == 0xF0 && buf[i + 1] < 0x90) || (b == 0xF4 && buf[i + 1] > 0x8F)) { ok = false }
                if ok { multibyte += 1; i += len } else { invalid += 1; i += 1 }
            }
        }
        if invalid > 0 && invalid * 100 >= multibyte { return .invalid }
        return multibyte > 0 ? .validWithMultibyte : .asciiOnly
    }
}
