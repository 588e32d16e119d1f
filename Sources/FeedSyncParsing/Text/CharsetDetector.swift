/// Decides which character encoding a fetched document is in, and converts it to UTF-8.
///
/// Precedence (RFC 3023 and what feed readers converged on):
/// 1. `application/xml`, `application/*+xml`: the HTTP charset, else the XML declaration, else UTF-8.
/// 2. `text/xml`, `text/*+xml`: the HTTP charset only, else US-ASCII (the document's declaration
///    is ignored, RFC 3023 §3.1).
/// 3. Other `text/*`: the HTTP charset, else US-ASCII; the media type itself makes the document bozo.
/// 4. No Content-Type (a local file): the XML declaration, else a byte-order mark, else UTF-8.
///
/// The chosen encoding is tried first; if the bytes are not valid in it, the XML declaration, the
/// byte-order mark, UTF-8, windows-1252 and ISO-8859-2 are tried in turn and the document is
/// flagged (`bozo`) with the reason. `encoding` reports the label actually used.
struct CharsetDetector {
    /// The media type of the Content-Type header, lower-cased ("" if none).
    var mediaType = ""
    /// The charset parameter of the Content-Type header ("" if none).
    var httpCharset = ""
    /// Encoding implied by a byte-order mark or the first bytes of `<?xml` ("" if none).
    var bomEncoding = ""
    /// Bytes of the byte-order mark to skip.
    var bomLength = 0
    /// The encoding named by the XML declaration, lower-cased ("" if none).
    var xmlEncoding = ""
    /// The encoding RFC 3023 says the document is in.
    var declared = ""
    /// The body is JSON (by media type, or it starts with `{` and has no media type).
    var isJSON = false
    /// Why the media type alone makes the document suspect, if it does.
    var mediaTypeProblem: String?

    /// The result of decoding: UTF-8 bytes (the input itself when it already was UTF-8).
    struct Decoded {
        var bytes: [UInt8]
        var start: Int
        var encoding: String
        var problem: String?
    }

    init(_ body: [UInt8], contentType: String?) {
        sniffBOM(body)
        xmlEncoding = declaredXMLEncoding(body)
        if !bomEncoding.isEmpty && CharsetDetector.unicodeFamily.contains(xmlEncoding) {
            xmlEncoding = bomEncoding
        }
        if let contentType { (mediaType, httpCharset) = CharsetDetector.parseContentType(contentType) }
        let appXML = ["application/xml", "application/xml-dtd", "application/xml-external-parsed-entity"]
        let textXML = ["text/xml", "text/xml-external-parsed-entity"]
        let jsonTypes = ["application/feed+json", "application/json"]
        if appXML.contains(mediaType) || (mediaType.hasPrefix("application/") && mediaType.hasSuffix("+xml")) {
            declared = first(httpCharset, xmlEncoding, "utf-8")
        } else if textXML.contains(mediaType) || (mediaType.hasPrefix("text/") && mediaType.hasSuffix("+xml")) {
            declared = first(httpCharset, "us-ascii")
        } else if jsonTypes.contains(mediaType) || (mediaType.isEmpty && CharsetDetector.startsWithBrace(body, bomLength)) {
            isJSON = true
            declared = first(httpCharset, "utf-8")
        } else if mediaType.hasPrefix("text/") {
            declared = first(httpCharset, "us-ascii")
            mediaTypeProblem = "\(contentType ?? "") is not an XML media type"
        } else if mediaType.isEmpty {
            declared = first(xmlEncoding, "utf-8")
        } else {
            // An unrecognised media type (application/octet-stream, text/html served for a feed):
            // trust the document, as servers get this header wrong far more often than feeds do.
            declared = first(httpCharset, xmlEncoding, "utf-8")
            if !mediaType.hasPrefix("application/") || mediaType == "application/octet-stream" {
                mediaTypeProblem = "\(contentType ?? "") is not an XML media type"
            }
        }
        if declared.lowercased() == "gb2312" { declared = "gb18030" }
        if xmlEncoding == "gb2312" { xmlEncoding = "gb18030" }
    }

    /// Converts the body to UTF-8 with the first candidate encoding it is valid in.
    func decode(_ body: [UInt8]) -> Decoded? {
        for (candidate, kind) in candidates {
            var result: Decoded?
            if kind == .utf8 {
                let valid = body.withUnsafeBufferPointer { UTF8Validator.isValid(UnsafeBufferPointer(rebasing: $0[bomLength...])) }
                if valid { result = Decoded(bytes: body, start: bomLength, encoding: candidate) }
            } else if let out = CharsetDecoder.decode(body, from: bomLength, as: kind) {
                result = Decoded(bytes: out, start: 0, encoding: candidate)
            }
            guard var r = result else { continue }
            r.problem = problem(decodingAs: candidate)
            return r
        }
        return nil
    }

    /// What `decode` returns when the body turns out to be valid UTF-8 and UTF-8 is the first
    /// candidate; nil when another encoding comes first. The XML parser checks UTF-8 as it reads,
    /// so a caller may parse without validating first, and call `decode` only if the parse fails.
    var expectedUTF8: Decoded? {
        guard let (candidate, kind) = firstCandidate, kind == .utf8 else { return nil }
        return Decoded(bytes: [], start: bomLength, encoding: candidate, problem: problem(decodingAs: candidate))
    }

    /// The encodings to try, in order, with how to decode each (unknown labels left out).
    private var candidates: [(String, CharsetDecoder.Kind)] {
        var out: [(String, CharsetDecoder.Kind)] = []
        for candidate in candidateLabels {
            if candidate.isEmpty || out.contains(where: { $0.0 == candidate }) { continue }
            guard let kind = CharsetDecoder.kind(for: candidate) else { continue }
            out.append((candidate, kind))
        }
        return out
    }

    private var candidateLabels: [String] { [declared, xmlEncoding, bomEncoding, "utf-8", "windows-1252", "iso-8859-2"] }

    /// `candidates.first`, without the rest.
    private var firstCandidate: (String, CharsetDecoder.Kind)? {
        for candidate in candidateLabels where !candidate.isEmpty {
            if let kind = CharsetDecoder.kind(for: candidate) { return (candidate, kind) }
        }
        return nil
    }

    private func problem(decodingAs candidate: String) -> String? {
        candidate != declared ? "document declared as \(declared), but parsed as \(candidate)" : mediaTypeProblem
    }

    /// Splits `type/subtype; charset="x"` into the lower-cased media type and the charset value.
    static func parseContentType(_ header: String) -> (String, String) {
        let parts = header.split(separator: ";", omittingEmptySubsequences: false)
        let media = String(parts.first ?? "").trimmingASCIIWhitespace().lowercased()
        var charset = ""
        for p in parts.dropFirst() {
            guard let eq = p.firstIndex(of: "=") else { continue }
            let key = String(p[p.startIndex..<eq]).trimmingASCIIWhitespace().lowercased()
            if key == "charset" {
                var v = String(p[p.index(after: eq)...]).trimmingASCIIWhitespace()
                while let f = v.first, f == "\"" || f == "'" { v.removeFirst() }
                while let l = v.last, l == "\"" || l == "'" { v.removeLast() }
                charset = v
            }
        }
        return (media, charset)
    }

    private static let unicodeFamily: Set<String> = [
        "u16", "utf-16", "utf16", "utf_16", "u32", "utf-32", "utf32", "utf_32", "iso-10646-ucs-2",
        "iso-10646-ucs-4", "csucs4", "csunicode", "ucs-2", "ucs-4",
    ]

    private func first(_ candidates: String...) -> String { candidates.first { !$0.isEmpty } ?? "" }

    private static func startsWithBrace(_ body: [UInt8], _ from: Int) -> Bool {
        var i = from
        while i < body.count, body[i].isASCIIWhitespace { i += 1 }
        return i < body.count && body[i] == UInt8(ascii: "{")
    }

    private mutating func sniffBOM(_ b: [UInt8]) {
        func starts(_ p: [UInt8]) -> Bool { b.count >= p.count && Array(b[0..<p.count]) == p }
        if starts([0x00, 0x00, 0xFE, 0xFF]) { bomEncoding = "utf-32be"; bomLength = 4 }
        else if starts([0xFF, 0xFE, 0x00, 0x00]) { bomEncoding = "utf-32le"; bomLength = 4 }
        else if starts([0xFE, 0xFF]) && !starts([0xFE, 0xFF, 0x00, 0x00]) { bomEncoding = "utf-16be"; bomLength = 2 }
        else if starts([0xFF, 0xFE]) && !starts([0xFF, 0xFE, 0x00, 0x00]) { bomEncoding = "utf-16le"; bomLength = 2 }
        else if starts([0xEF, 0xBB, 0xBF]) { bomEncoding = "utf-8"; bomLength = 3 }
        else if starts([0x4C, 0x6F, 0xA7, 0x94]) { bomEncoding = "cp037" }
        else if starts([0x00, 0x3C, 0x00, 0x3F]) { bomEncoding = "utf-16be" }
        else if starts([0x3C, 0x00, 0x3F, 0x00]) { bomEncoding = "utf-16le" }
        else if starts([0x00, 0x00, 0x00, 0x3C]) { bomEncoding = "utf-32be" }
        else if starts([0x3C, 0x00, 0x00, 0x00]) { bomEncoding = "utf-32le" }
    }

    /// The `encoding` pseudo-attribute of an XML declaration on the document's first line.
    private func declaredXMLEncoding(_ body: [UInt8]) -> String {
        var prefix = Array(body[bomLength..<min(body.count, bomLength + 1024)])
        if !bomEncoding.isEmpty && bomEncoding != "utf-8" {
            guard let kind = CharsetDecoder.kind(for: bomEncoding) else { return "" }
            let unit = bomEncoding.hasPrefix("utf-32") ? 4 : (bomEncoding.hasPrefix("utf-16") ? 2 : 1)
            prefix.removeLast(prefix.count % unit)
            guard let decoded = CharsetDecoder.decode(prefix, as: kind) else { return "" }
            prefix = decoded
        }
        guard prefix.count > 2, prefix[0] == UInt8(ascii: "<"), prefix[1] == UInt8(ascii: "?") else { return "" }
        let line = prefix.prefix { $0 != 0x0A && $0 != 0x0D }
        guard let close = line.indices.last(where: { $0 > 1 && line[$0] == UInt8(ascii: ">") && line[$0 - 1] == UInt8(ascii: "?") })
        else { return "" }
        let key = Array("encoding=".utf8)
        var i = 2
        while i + key.count < close {
            if Array(line[i..<(i + key.count)]) == key {
                let q = line[i + key.count]
                if q == UInt8(ascii: "\"") || q == UInt8(ascii: "'") {
                    var j = i + key.count + 1
                    while j < close, line[j] != UInt8(ascii: "\""), line[j] != UInt8(ascii: "'") { j += 1 }
                    if j < close {
                        return String(decoding: line[(i + key.count + 1)..<j], as: UTF8.self).lowercased()
                    }
                }
            }
            i += 1
        }
        return ""
    }
}
