/// Character encoding of HTML pages (the HTML source parser's input), converted to UTF-8.
///
/// Precedence as browsers apply it: a byte-order mark, the HTTP `charset`, a `<meta charset>` or
/// `<meta http-equiv="Content-Type" content="...; charset=...">` in the first 1,024 bytes, then
/// UTF-8; bytes that are not valid in the chosen encoding fall back to windows-1252 (which
/// decodes anything), as browsers do for the ISO-8859-1 label.
public enum HTMLCharset {
    /// The page as UTF-8 and the name of the encoding it was read in.
    public static func decode(_ body: [UInt8], contentType: String?) -> (utf8: [UInt8], encoding: String) {
        var candidates: [String] = []
        var start = 0
        if body.starts(with: [0xEF, 0xBB, 0xBF]) { candidates.append("utf-8"); start = 3 }
        else if body.starts(with: [0xFE, 0xFF]) { candidates.append("utf-16be"); start = 2 }
        else if body.starts(with: [0xFF, 0xFE]) { candidates.append("utf-16le"); start = 2 }
        if let contentType {
            let charset = CharsetDetector.parseContentType(contentType).1
            if !charset.isEmpty { candidates.append(charset.lowercased()) }
        }
        if let meta = metaCharset(body) { candidates.append(meta) }
        candidates += ["utf-8", "windows-1252", "iso-8859-1"]
        for label in candidates {
            // The WHATWG rule: a page labelled ISO-8859-1 or ASCII is read as windows-1252.
            let effective = ["iso-8859-1", "latin1", "us-ascii", "ascii"].contains(label) ? "windows-1252" : label
            guard let kind = CharsetDecoder.kind(for: effective) else { continue }
            if kind == .utf8 {
                let valid = body.withUnsafeBufferPointer { UTF8Validator.isValid(UnsafeBufferPointer(rebasing: $0[start...])) }
                if valid { return (Array(body[start...]), label) }
            } else if let out = CharsetDecoder.decode(body, from: start, as: kind) {
                return (out, label)
            }
        }
        return (Array(String(decoding: body[start...], as: UTF8.self).utf8), "utf-8")
    }

    /// The charset a `<meta>` element declares in the first 1,024 bytes, lower-cased.
    static func metaCharset(_ body: [UInt8]) -> String? {
        let head = Array(String(decoding: body.prefix(1024), as: UTF8.self).lowercased().utf8)
        let meta = Array("<meta".utf8), key = Array("charset=".utf8)
        func find(_ needle: [UInt8], from: Int, to end: Int) -> Int? {
            guard end - needle.count >= from else { return nil }
            for i in from...(end - needle.count) where head[i..<(i + needle.count)].elementsEqual(needle) { return i }
            return nil
        }
        var i = 0
        while let m = find(meta, from: i, to: head.count) {
            let tagEnd = head[m...].firstIndex(of: UInt8(ascii: ">")) ?? head.count
            if let k = find(key, from: m, to: tagEnd) {
                let quotes: Set<UInt8> = [0x22, 0x27, 0x20]
                var a = k + key.count
                while a < tagEnd, quotes.contains(head[a]) { a += 1 }
                var b = a
                while b < tagEnd, !quotes.contains(head[b]), head[b] != 0x3B, head[b] != 0x2F { b += 1 }
                if b > a { return String(decoding: head[a..<b], as: UTF8.self) }
            }
            i = m + meta.count
        }
        return nil
    }
}
