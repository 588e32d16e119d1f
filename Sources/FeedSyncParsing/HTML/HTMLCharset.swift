import Foundation
import CLibXML2

/// Decides how an HTML page's bytes are decoded, in the order the HTML standard gives
/// (https://html.spec.whatwg.org/multipage/parsing.html#determining-the-character-encoding):
/// byte order mark, then the HTTP `Content-Type` charset, then a `<meta>` prescan, then a guess
/// (UTF-8 when the bytes are valid UTF-8, else windows-1252).
///
/// The result is always passed to libxml2 explicitly: an explicit encoding wins over a `<meta>` that
/// libxml2 would otherwise act on halfway through the document.
enum HTMLCharset {
    /// How far into the document the `<meta>` prescan looks. The standard says 1024 bytes; real pages put
    /// kilobytes of scripts and styles first, and a later `<meta charset>` is still their intent.
    static let prescanLimit = 16_384

    /// The encoding name libxml2 gets, and the lower-case label `FeedDocument.encoding` reports.
    static func detect(_ bytes: [UInt8], contentType: String?) -> String {
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { return "utf-8" }
        if bytes.starts(with: [0xFE, 0xFF]) { return "utf-16be" }
        if bytes.starts(with: [0xFF, 0xFE]) { return "utf-16le" }
        if let header = contentType.flatMap(charsetParameter), let label = normalize(header) { return label }
        if let meta = prescanMeta(bytes), let label = normalize(meta) {
            // A page that is ASCII-compatible on the wire cannot really be UTF-16 (HTML standard §13.2.3.2).
            return label.hasPrefix("utf-16") ? "utf-8" : label
        }
        return isValidUTF8(bytes) ? "utf-8" : "windows-1252"
    }

    /// The `charset` parameter of a `Content-Type` value, unquoted.
    static func charsetParameter(_ contentType: String) -> String? {
        for part in contentType.split(separator: ";").dropFirst() {
            let kv = part.split(separator: "=", maxSplits: 1)
            guard kv.count == 2, kv[0].trimmingCharacters(in: .whitespaces).lowercased() == "charset" else { continue }
            let value = kv[1].trimmingCharacters(in: .whitespaces).trimmingCharacters(in: CharacterSet(charactersIn: "\"'"))
            return value.isEmpty ? nil : value
        }
        return nil
    }

    /// Maps a declared label to the name used for decoding, or nil when libxml2 cannot decode it.
    /// Follows the WHATWG Encoding standard where it differs from IANA: `iso-8859-1`, `latin1` and
    /// `us-ascii` mean windows-1252, which browsers (and publishers relying on them) use for those labels.
    static func normalize(_ label: String) -> String? {
        let l = label.trimmingCharacters(in: .whitespacesAndNewlines).lowercased()
        let mapped: String
        switch l {
        case "utf8", "utf-8", "unicode-1-1-utf-8", "x-unicode20utf8": mapped = "utf-8"
        case "iso-8859-1", "iso8859-1", "iso_8859-1", "latin1", "l1", "us-ascii", "ascii", "ansi_x3.4-1968",
             "cp1252", "windows-1252", "x-cp1252", "cp819", "ibm819":
            mapped = "windows-1252"
        case "cp1251", "windows-1251", "x-cp1251": mapped = "windows-1251"
        case "cp1250", "windows-1250", "x-cp1250": mapped = "windows-1250"
        case "koi8", "koi8-r", "koi8_r", "cskoi8r": mapped = "koi8-r"
        case "koi8-u", "koi8-ru": mapped = "koi8-u"
        case "gb2312", "gbk", "x-gbk", "chinese", "csgb2312": mapped = "gbk"
        case "shift_jis", "shift-jis", "sjis", "ms_kanji", "x-sjis": mapped = "shift_jis"
        case "utf-16", "utf-16le": mapped = "utf-16le"
        case "utf-16be": mapped = "utf-16be"
        default: mapped = l
        }
        guard !mapped.isEmpty, let handler = xmlFindCharEncodingHandler(mapped) else { return nil }
        xmlCharEncCloseFunc(handler)
        return mapped
    }

    /// Finds `<meta charset=...>` or `<meta http-equiv="Content-Type" content="...; charset=...">` in
    /// the first `prescanLimit` bytes, skipping comments.
    static func prescanMeta(_ bytes: [UInt8]) -> String? {
        let n = min(bytes.count, prescanLimit)
        var i = 0
        func lower(_ b: UInt8) -> UInt8 { (b >= 65 && b <= 90) ? b + 32 : b }
        func matches(_ word: String, at j: Int) -> Bool {
            let w = Array(word.utf8)
            guard j + w.count <= n else { return false }
            for k in 0..<w.count where lower(bytes[j + k]) != w[k] { return false }
            return true
        }
        while i < n {
            if matches("<!--", at: i) {
                var j = i + 4
                while j < n && !matches("-->", at: j) { j += 1 }
                i = j + 3
                continue
            }
            if matches("<meta", at: i), i + 5 < n, bytes[i + 5] == 0x20 || bytes[i + 5] == 0x09
                || bytes[i + 5] == 0x0A || bytes[i + 5] == 0x0D || bytes[i + 5] == 0x2F {
                var j = i + 5
                while j < n && bytes[j] != 0x3E { j += 1 }
                let tag = String(decoding: bytes[(i + 5)..<j], as: UTF8.self)
                if let charset = metaCharset(tag) { return charset }
                i = j
                continue
            }
            i += 1
        }
        return nil
    }

    /// The charset a `<meta ...>` tag's attributes declare, if any.
    private static func metaCharset(_ attrs: String) -> String? {
        let lowered = attrs.lowercased()
        guard let range = lowered.range(of: "charset") else { return nil }
        var rest = lowered[range.upperBound...].drop { $0 == " " }
        guard rest.first == "=" else { return nil }
        rest = rest.dropFirst().drop { $0 == " " || $0 == "\"" || $0 == "'" }
        let value = rest.prefix { !(" \"';/>".contains($0)) }
        return value.isEmpty ? nil : String(value)
    }

    /// Whether the bytes decode as UTF-8 without errors.
    static func isValidUTF8(_ bytes: [UInt8]) -> Bool {
        var decoder = UTF8()
        var it = bytes.makeIterator()
        while true {
            switch decoder.decode(&it) {
            case .scalarValue: continue
            case .emptyInput: return true
            case .error: return false
            }
        }
    }
}
