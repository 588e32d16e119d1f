import Glibc

/// Converts a page to clean UTF-8 before libxml2 sees it.
///
/// libxml2 converts with iconv and stops the whole parse at the first byte iconv rejects (windows-1252
/// has five undefined bytes; real GBK pages carry stray ones), and it reads invalid UTF-8 by
/// switching the rest of the document to Latin-1. Both lose or garble the article. Converting here,
/// with every invalid sequence replaced by U+FFFD, means the parser always gets valid UTF-8.
enum Transcoder {
    static let replacement: [UInt8] = [0xEF, 0xBF, 0xBD]

    /// `bytes` in `encoding` (a name from `CharsetSniffer`) as UTF-8; a leading byte-order mark is dropped.
    static func toUTF8(_ bytes: [UInt8], from encoding: String) -> [UInt8] {
        switch encoding {
        case "UTF-8":
            let body = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? Array(bytes.dropFirst(3)) : bytes
            return repairUTF8(body)
        case "windows-1252":
            return fromWindows1252(bytes)
        default:
            var body = bytes
            if encoding.hasPrefix("UTF-16"), body.count >= 2,
               (body[0] == 0xFF && body[1] == 0xFE) || (body[0] == 0xFE && body[1] == 0xFF) {
                body.removeFirst(2)
            }
            return withIconv(body, from: encoding) ?? fromWindows1252(bytes)
        }
    }

    /// Valid UTF-8 with each invalid byte replaced by U+FFFD (an unchanged copy when already valid).
    static func repairUTF8(_ bytes: [UInt8]) -> [UInt8] {
        var out: [UInt8] = []
        var copiedUpTo = 0
        bytes.withUnsafeBufferPointer { b in
            let n = b.count
            var i = 0
            while i < n {
                let c = b[i]
                if c < 0x80 && c != 0 { i += 1; continue }
                var len = 0
                if c >= 0xC2 && c <= 0xDF { len = 2 } else if c >= 0xE0 && c <= 0xEF { len = 3 }
                else if c >= 0xF0 && c <= 0xF4 { len = 4 }
                var ok = len > 0 && i + len <= n
                if ok { for k in 1..<len where b[i + k] & 0xC0 != 0x80 { ok = false; break } }
                if ok && len == 3 && ((c == 0xE0 && b[i + 1] < 0xA0) || (c == 0xED && b[i + 1] > 0x9F)) { ok = false }
                if ok && len == 4 && ((c == 0xF0 && b[i + 1] < 0x90) || (c == 0xF4 && b[i + 1] > 0x8F)) { ok = false }
                if ok { i += len; continue }
                // NUL or an invalid byte: copy what came before, then a replacement character.
                if out.isEmpty { out.reserveCapacity(n + 64) }
                out.append(contentsOf: b[copiedUpTo..<i])
                out.append(contentsOf: replacement)
                i += 1
                copiedUpTo = i
            }
            if copiedUpTo > 0 { out.append(contentsOf: b[copiedUpTo..<n]) }
        }
        return copiedUpTo == 0 ? bytes : out
    }

    /// The WHATWG windows-1252 table (its 0x80-0x9F differ from Latin-1; the five bytes it leaves
    /// undefined become the C1 controls of the same value, as browsers do).
    static func fromWindows1252(_ bytes: [UInt8]) -> [UInt8] {
        let high: [UInt32] = [
            0x20AC, 0x81, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0x8D,
            0x017D, 0x8F, 0x90, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A,
            0x0153, 0x9D, 0x017E, 0x0178,
        ]
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count + bytes.count / 8)
        for b in bytes {
            if b < 0x80 {
                out.append(b == 0 ? 0x20 : b)
                continue
            }
            let v = b < 0xA0 ? high[Int(b - 0x80)] : UInt32(b)
            if v < 0x800 {
                out.append(UInt8(0xC0 | (v >> 6)))
                out.append(UInt8(0x80 | (v & 0x3F)))
            } else {
                out.append(UInt8(0xE0 | (v >> 12)))
                out.append(UInt8(0x80 | ((v >> 6) & 0x3F)))
                out.append(UInt8(0x80 | (v & 0x3F)))
            }
        }
        return out
    }

    /// Converts with iconv, replacing each byte it rejects; nil when iconv does not know the encoding.
    static func withIconv(_ bytes: [UInt8], from encoding: String) -> [UInt8]? {
        let cd = iconv_open("UTF-8", encoding)
        guard let cd, Int(bitPattern: cd) != -1 else { return nil }
        defer { iconv_close(cd) }
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count * 2 + 16)
        var chunk = [UInt8](repeating: 0, count: 65_536)
        var input = bytes
        input.withUnsafeMutableBufferPointer { inBuf in
            guard let inBase = inBuf.baseAddress else { return }
            var inPtr: UnsafeMutablePointer<CChar>? = UnsafeMutableRawPointer(inBase).assumingMemoryBound(to: CChar.self)
            var inLeft = inBuf.count
            while inLeft > 0 {
                let result: Int = chunk.withUnsafeMutableBufferPointer { outBuf in
                    var outPtr: UnsafeMutablePointer<CChar>? = outBuf.baseAddress.map {
                        UnsafeMutableRawPointer($0).assumingMemoryBound(to: CChar.self)
                    }
                    var outLeft = outBuf.count
                    let r = iconv(cd, &inPtr, &inLeft, &outPtr, &outLeft)
                    out.append(contentsOf: outBuf[0..<(outBuf.count - outLeft)])
                    return r == -1 ? Int(errno) : 0
                }
                if result == 0 || result == E2BIG { continue }
                // EILSEQ (a byte the encoding does not define) or EINVAL (a sequence cut off at the
                // end): replace one byte and go on.
                out.append(contentsOf: replacement)
                inPtr = inPtr.map { $0 + 1 }
                inLeft -= 1
            }
        }
        return out
    }
}
