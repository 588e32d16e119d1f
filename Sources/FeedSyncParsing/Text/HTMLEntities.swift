/// Named and numeric character references as HTML 4 (and the feeds written for it) defines them.
enum HTMLEntities {
    /// The code point of a named reference (`amp`, `eacute`, ...), case-sensitive; nil if unknown.
    /// Decodes the five XML entities, `&nbsp;` (as a plain space) and numeric references in text
    /// that should have been plain (JSON-LD strings, OPML titles from exporters that escape
    /// twice); anything else, and a bare `&`, stays as written.
    static func decodeBasic(_ s: String) -> String {
        guard s.utf8.contains(UInt8(ascii: "&")) else { return s }
        var out = ""
        var rest = Substring(s)
        while let amp = rest.firstIndex(of: "&") {
            out += rest[..<amp]
            let after = rest[rest.index(after: amp)...]
            if let semi = after.prefix(10).firstIndex(of: ";") {
                let name = after[..<semi]
                var replacement: String?
                if name.hasPrefix("#x") || name.hasPrefix("#X"), let v = UInt32(name.dropFirst(2), radix: 16) {
                    replacement = Unicode.Scalar(v).map { String(Character($0)) }
                } else if name.hasPrefix("#"), let v = UInt32(name.dropFirst()) {
                    replacement = Unicode.Scalar(v).map { String(Character($0)) }
                } else {
                    replacement = basicNames[name]
                }
                if let replacement {
                    out += replacement
                    rest = after[after.index(after: semi)...]
                    continue
                }
            }
            out += "&"
            rest = after
        }
        return out + rest
    }

    private static let basicNames: [Substring: String] = [
        "quot": "\"", "apos": "'", "lt": "<", "gt": ">", "nbsp": " ", "amp": "&",
    ]

    static func codePoint(named name: String) -> UInt32? { table[name] }

    /// The code point of a named reference spelled by UTF-8 bytes.
    static func codePoint(named bytes: UnsafeBufferPointer<UInt8>) -> UInt32? {
        byteTable.lookup(bytes)
    }

    private static let byteTable = ByteKeyTable(Array(table), caseInsensitive: false)

    /// Whether `name` is one of XML's five predefined entities.
    static func isXMLPredefined(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        switch bytes.count {
        case 2: return (bytes[0] == 0x6C || bytes[0] == 0x67) && bytes[1] == 0x74  // lt gt
        case 3: return bytes[0] == 0x61 && bytes[1] == 0x6D && bytes[2] == 0x70  // amp
        case 4:
            return (bytes[0] == 0x71 && bytes[1] == 0x75 && bytes[2] == 0x6F && bytes[3] == 0x74)  // quot
                || (bytes[0] == 0x61 && bytes[1] == 0x70 && bytes[2] == 0x6F && bytes[3] == 0x73)  // apos
        default: return false
        }
    }

    /// windows-1252's meaning of the C1 control range 0x80-0x9F, which feeds routinely use in
    /// numeric references (`&#146;` for a right single quote). nil where windows-1252 is undefined.
    static func windows1252(_ value: UInt32) -> UInt32? {
        guard value >= 0x80, value <= 0x9F else { return nil }
        let v = cp1252C1[Int(value - 0x80)]
        return v == 0 ? nil : UInt32(v)
    }

    private static let cp1252C1: [UInt16] = [
        0x20AC, 0, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021,
        0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0, 0x017D, 0,
        0, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014,
        0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0, 0x017E, 0x0178,
    ]
}

/// UTF-8 encoding of one scalar; invalid values (surrogates, > U+10FFFF) become U+FFFD.
@inline(__always)
func encodeUTF8(_ cp: UInt32, _ emit: (UInt8) -> Void) {
    var v = cp
    if v >= 0xD800 && v <= 0xDFFF || v > 0x10FFFF { v = 0xFFFD }
    if v < 0x80 {
        emit(UInt8(v))
    } else if v < 0x800 {
        emit(UInt8(0xC0 | (v >> 6)))
        emit(UInt8(0x80 | (v & 0x3F)))
    } else if v < 0x10000 {
        emit(UInt8(0xE0 | (v >> 12)))
        emit(UInt8(0x80 | ((v >> 6) & 0x3F)))
        emit(UInt8(0x80 | (v & 0x3F)))
    } else {
        emit(UInt8(0xF0 | (v >> 18)))
        emit(UInt8(0x80 | ((v >> 12) & 0x3F)))
        emit(UInt8(0x80 | ((v >> 6) & 0x3F)))
        emit(UInt8(0x80 | (v & 0x3F)))
    }
}

extension Array where Element == UInt8 {
    /// Appends a Unicode scalar as UTF-8; invalid values (surrogates, > U+10FFFF) become U+FFFD.
    @inline(__always)
    mutating func appendUTF8(_ cp: UInt32) {
        encodeUTF8(cp) { append($0) }
    }

    /// Appends ASCII text.
    @inline(__always)
    mutating func appendASCII(_ s: StaticString) {
        s.withUTF8Buffer { append(contentsOf: $0) }
    }
}
