/// Small text repairs applied to every value a feed yields.
enum TextCleanup {
    /// Length of the Unicode whitespace character (Python's `str.isspace`) starting at `i`, or 0.
    @inline(__always)
    static func whitespaceLength(_ p: UnsafeBufferPointer<UInt8>, _ i: Int) -> Int {
        let b = p[i]
        if b < 0x80 { return b.isASCIIWhitespace ? 1 : 0 }
        let n = p.count
        if b == 0xC2, i + 1 < n, p[i + 1] == 0x85 || p[i + 1] == 0xA0 { return 2 }
        if b == 0xE1, i + 2 < n, p[i + 1] == 0x9A, p[i + 2] == 0x80 { return 3 }
        if b == 0xE2, i + 2 < n {
            let c = p[i + 1], d = p[i + 2]
            if c == 0x80 && (d <= 0x8A || d == 0xA8 || d == 0xA9 || d == 0xAF) { return 3 }
            if c == 0x81 && d == 0x9F { return 3 }
        }
        if b == 0xE3, i + 2 < n, p[i + 1] == 0x80, p[i + 2] == 0x80 { return 3 }
        return 0
    }

    /// The range of `p` without leading and trailing Unicode whitespace.
    static func strippedRange(_ p: UnsafeBufferPointer<UInt8>) -> Range<Int> {
        var start = 0
        while start < p.count {
            let l = whitespaceLength(p, start)
            if l == 0 { break }
            start += l
        }
        var end = p.count
        while end > start {
            // Find the start of the last character, then test it.
            var s = end - 1
            while s > start, p[s] & 0xC0 == 0x80 { s -= 1 }
            let l = whitespaceLength(p, s)
            if l == 0 || s + l != end { break }
            end = s
        }
        return start..<end
    }

    /// Whether the bytes are empty or whitespace only.
    static func isBlank(_ p: UnsafeBufferPointer<UInt8>) -> Bool { strippedRange(p).isEmpty }

    /// Text that was UTF-8, misread as ISO-8859-1 and encoded to UTF-8 again ("cafÃ©") is
    /// repaired; anything else is returned unchanged (nil).
    static func repairDoubleEncodedUTF8(_ p: UnsafeBufferPointer<UInt8>) -> [UInt8]? {
        let first = ByteScan.findNonASCII(in: p)
        guard first < p.count else { return nil }
        // The repaired text is UTF-8 with a non-ASCII character, so it has a lead byte
        // (U+00C2-U+00F4, written C3 82-B4) followed by a continuation byte (U+0080-U+00BF,
        // written C2 80-BF). Text without that pattern, nearly all text, is decided here.
        var c3 = ByteScan.find(0xC3, in: p, from: first)
        var lead = false
        while c3 + 3 < p.count {
            if p[c3 + 1] >= 0x82, p[c3 + 1] <= 0xB4, p[c3 + 2] == 0xC2, p[c3 + 3] >= 0x80, p[c3 + 3] <= 0xBF {
                lead = true
                break
            }
            c3 = ByteScan.find(0xC3, in: p, from: c3 + 1)
        }
        guard lead else { return nil }
        for b in UnsafeBufferPointer(rebasing: p[first...]) where b >= 0xC4 {
            return nil  // a character above U+00FF: not double-encoded Latin-1
        }
        var latin1 = [UInt8]()
        latin1.reserveCapacity(p.count)
        var i = 0
        while i < p.count {
            let b = p[i]
            if b < 0x80 { latin1.append(b); i += 1; continue }
            guard i + 1 < p.count else { return nil }
            latin1.append(((b & 0x03) << 6) | (p[i + 1] & 0x3F))
            i += 2
        }
        let valid = latin1.withUnsafeBufferPointer { UTF8Validator.isValid($0) }
        return valid ? latin1 : nil
    }

    /// C1 control characters (U+0080-U+009F) replaced by what windows-1252 puts there: feeds
    /// written in windows-1252 but labelled ISO-8859-1 are the usual source. nil if none.
    static func mapC1ToWindows1252(_ p: UnsafeBufferPointer<UInt8>) -> [UInt8]? {
        var found = false
        var i = 0
        while true {
            i = ByteScan.find(0xC2, in: p, from: i)
            guard i + 1 < p.count else { break }
            if p[i + 1] >= 0x80 && p[i + 1] <= 0x9F && HTMLEntities.windows1252(UInt32(p[i + 1])) != nil {
                found = true
                break
            }
            i += 1
        }
        guard found else { return nil }
        var out = [UInt8]()
        out.reserveCapacity(p.count + 8)
        i = 0
        while i < p.count {
            if p[i] == 0xC2, i + 1 < p.count, p[i + 1] >= 0x80, p[i + 1] <= 0x9F,
               let cp = HTMLEntities.windows1252(UInt32(p[i + 1])) {
                out.appendUTF8(cp)
                i += 2
            } else {
                out.append(p[i])
                i += 1
            }
        }
        return out
    }

    /// Lenient Base64 (characters outside the alphabet are skipped); nil if the data is not
    /// Base64 or does not decode to UTF-8.
    static func decodeBase64(_ p: UnsafeBufferPointer<UInt8>) -> [UInt8]? {
        var out = [UInt8]()
        out.reserveCapacity(p.count * 3 / 4)
        var acc: UInt32 = 0
        var bits = 0
        var count = 0
        for c in p {
            let v: UInt32
            switch c {
            case UInt8(ascii: "A")...UInt8(ascii: "Z"): v = UInt32(c - 65)
            case UInt8(ascii: "a")...UInt8(ascii: "z"): v = UInt32(c - 97 + 26)
            case UInt8(ascii: "0")...UInt8(ascii: "9"): v = UInt32(c - 48 + 52)
            case UInt8(ascii: "+"): v = 62
            case UInt8(ascii: "/"): v = 63
            case UInt8(ascii: "="):
                if count % 4 == 1 { return nil }
                let valid = out.withUnsafeBufferPointer { UTF8Validator.isValid($0) }
                return valid ? out : nil
            default: continue
            }
            acc = (acc << 6) | v
            bits += 6
            count += 1
            if bits >= 8 {
                bits -= 8
                out.append(UInt8((acc >> UInt32(bits)) & 0xFF))
            }
        }
        if count % 4 != 0 { return nil }
        let valid = out.withUnsafeBufferPointer { UTF8Validator.isValid($0) }
        return valid ? out : nil
    }
}

extension String {
    /// The string without leading and trailing Unicode whitespace.
    func pythonStripped() -> String {
        var copy = self
        return copy.withUTF8 { p in
            let r = TextCleanup.strippedRange(p)
            if r.count == p.count { return self }
            return String(decoding: UnsafeBufferPointer(rebasing: p[r]), as: UTF8.self)
        }
    }
}
