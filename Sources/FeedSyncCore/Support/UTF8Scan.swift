import Foundation

/// Byte-level helpers for the core's text functions (identity, fingerprints, inline text), which
/// work on a string's UTF-8 bytes instead of its `Character`s.
///
/// Swift strings are always valid UTF-8, so decoding needs no error path. Where the old code's
/// result depended on grapheme clusters (a `Character` comparison, a split on `" "`), the byte
/// version is exact only when no scalar can join a neighbouring delimiter into one cluster; such a
/// string takes the general (`Character`) path. `mayJoinNeighbour` is a superset of the scalars
/// that do, checked against the standard library over every scalar (DifferentialTests).
enum UTF8Scan {
    /// The scalar starting at `i` and its length in bytes. `p[i]` must start a scalar.
    @inline(__always)
    static func decode(_ p: UnsafeBufferPointer<UInt8>, at i: Int) -> (value: UInt32, length: Int) {
        let b0 = UInt32(p[i])
        if b0 < 0x80 { return (b0, 1) }
        if b0 < 0xE0 { return ((b0 & 0x1F) << 6 | UInt32(p[i + 1] & 0x3F), 2) }
        if b0 < 0xF0 {
            return ((b0 & 0x0F) << 12 | UInt32(p[i + 1] & 0x3F) << 6 | UInt32(p[i + 2] & 0x3F), 3)
        }
        return ((b0 & 0x07) << 18 | UInt32(p[i + 1] & 0x3F) << 12 | UInt32(p[i + 2] & 0x3F) << 6
                | UInt32(p[i + 3] & 0x3F), 4)
    }

    /// Appends the UTF-8 encoding of a scalar.
    @inline(__always)
    static func append(_ s: Unicode.Scalar, to out: inout [UInt8]) {
        let v = s.value
        if v < 0x80 {
            out.append(UInt8(v))
        } else if v < 0x800 {
            out.append(UInt8(0xC0 | v >> 6)); out.append(UInt8(0x80 | v & 0x3F))
        } else if v < 0x1_0000 {
            out.append(UInt8(0xE0 | v >> 12)); out.append(UInt8(0x80 | v >> 6 & 0x3F)); out.append(UInt8(0x80 | v & 0x3F))
        } else {
            out.append(UInt8(0xF0 | v >> 18)); out.append(UInt8(0x80 | v >> 12 & 0x3F))
            out.append(UInt8(0x80 | v >> 6 & 0x3F)); out.append(UInt8(0x80 | v & 0x3F))
        }
    }

    /// Whether the scalar may form one grapheme cluster with an ASCII neighbour (an extender or
    /// spacing mark after it, a prepended mark before it): every mark, format character, modifier
    /// letter and modifier symbol, the Thai and Lao vowel signs AM, and the letters of the
    /// supplementary Brahmic blocks (some are Prepend). None below U+0300.
    @inline(__always)
    static func mayJoinNeighbour(_ v: UInt32) -> Bool {
        if v < 0x300 { return false }
        guard let s = Unicode.Scalar(v) else { return false }
        switch s.properties.generalCategory {
        case .nonspacingMark, .spacingMark, .enclosingMark, .format, .modifierLetter, .modifierSymbol:
            return true
        case .otherLetter:
            return v == 0x0E33 || v == 0x0EB3 || v == 0x0D4E || (0x1_1000..<0x1_2000).contains(v)
        default:
            return false
        }
    }

    /// Whether any scalar of the bytes `mayJoinNeighbour` (false at once for ASCII).
    static func hasJoiningScalar(_ p: UnsafeBufferPointer<UInt8>) -> Bool {
        var i = 0
        while i < p.count {
            if p[i] < 0x80 { i += 1; continue }
            let (v, n) = decode(p, at: i)
            if mayJoinNeighbour(v) { return true }
            i += n
        }
        return false
    }

    /// Unicode's White_Space property (`Unicode.Scalar.Properties.isWhitespace`), as a switch.
    @inline(__always)
    static func isWhitespace(_ v: UInt32) -> Bool {
        switch v {
        case 0x09...0x0D, 0x20, 0x85, 0xA0, 0x1680, 0x2000...0x200A, 0x2028, 0x2029, 0x202F, 0x205F, 0x3000: return true
        default: return false
        }
    }

    /// Whether every byte is ASCII.
    static func isASCII(_ p: UnsafeBufferPointer<UInt8>) -> Bool {
        for b in p where b >= 0x80 { return false }
        return true
    }
}

extension String {
    /// The string with Foundation's `.whitespacesAndNewlines` trimmed from both ends, without
    /// Foundation when both ends are ASCII (the common case; exact there, DifferentialTests).
    func trimmedOfWhitespace() -> String {
        let fast: String?? = utf8.withContiguousStorageIfAvailable { p -> String? in
            guard let first = p.first, let last = p.last else { return "" }
            if first > 0x20, first < 0x7F, last > 0x20, last < 0x7F { return self }
            guard first < 0x80, last < 0x80 else { return nil }
            var lo = 0, hi = p.count
            while lo < hi, p[lo] == 0x20 || (p[lo] >= 0x09 && p[lo] <= 0x0D) { lo += 1 }
            while hi > lo, p[hi - 1] == 0x20 || (p[hi - 1] >= 0x09 && p[hi - 1] <= 0x0D) { hi -= 1 }
            // A non-ASCII byte at the new end (a trimmed run next to U+0085 or U+00A0...): general path.
            if lo < hi, p[lo] >= 0x80 || p[hi - 1] >= 0x80 { return nil }
            return String(decoding: UnsafeBufferPointer(rebasing: p[lo..<hi]), as: UTF8.self)
        }
        if let fast, let result = fast { return result }
        return trimmingCharacters(in: .whitespacesAndNewlines)
    }
}
