/// Quoted-printable (RFC 2045 §6.7) for the text parts of Maildir messages: the text stays
/// readable, so `grep` finds words in the spool, and lines stay under 76 characters.
enum QuotedPrintable {
    static let hex = Array("0123456789ABCDEF".utf8)
    static let maxLine = 76

    /// Encodes `text` with CRLF line breaks (any CR, LF or CRLF in the text is one break), ending
    /// with CRLF. A `-` that would begin a physical line is encoded too, so no line of the part can
    /// ever look like a MIME boundary (`--...`), whatever the feed put in its text.
    static func encode(_ text: String) -> String {
        var out = [UInt8]()
        out.reserveCapacity(text.utf8.count + text.utf8.count / 8 + 8)
        var lines: [ArraySlice<UInt8>] = []
        let bytes = Array(text.utf8)
        var start = 0
        var i = 0
        while i < bytes.count {
            if bytes[i] == 0x0A || bytes[i] == 0x0D {
                lines.append(bytes[start..<i])
                if bytes[i] == 0x0D, i + 1 < bytes.count, bytes[i + 1] == 0x0A { i += 1 }
                start = i + 1
            }
            i += 1
        }
        lines.append(bytes[start..<bytes.count])
        for line in lines {
            encodeLine(line, into: &out)
            out += [0x0D, 0x0A]
        }
        return String(decoding: out, as: UTF8.self)
    }

    private static func encodeLine(_ line: ArraySlice<UInt8>, into out: inout [UInt8]) {
        var column = 0
        for index in line.indices {
            let b = line[index]
            let last = index == line.index(before: line.endIndex)
            let literal: Bool
            switch b {
            case 0x20, 0x09: literal = !last          // trailing whitespace would be stripped in transit
            case 0x3D: literal = false                // "=" is the escape character
            case 0x2D: literal = column > 0           // a line starting "--" could end the part
            case 33...126: literal = true
            default: literal = false
            }
            let width = literal ? 1 : 3
            // A soft break ("=" at the end of the line) keeps each line within 76 characters.
            if column + width > maxLine - 1 {
                out += [0x3D, 0x0D, 0x0A]
                column = 0
                if b == 0x2D {
                    appendEscaped(b, into: &out)
                    column = 3
                    continue
                }
            }
            if literal { out.append(b) } else { appendEscaped(b, into: &out) }
            column += width
        }
    }

    private static func appendEscaped(_ b: UInt8, into out: inout [UInt8]) {
        out += [0x3D, hex[Int(b >> 4)], hex[Int(b & 15)]]
    }
}
