/// A multiset of lower-cased word tokens, to compare two texts by the words they share.
struct TokenBag {
    private(set) var counts: [String: Int] = [:]
    private(set) var total = 0
    /// Unicode scalars in the source text.
    private(set) var chars = 0

    /// Splits on anything that is not a letter, digit, mark or underscore (the `\w` of regexes).
    /// Walks UTF-8 bytes and only builds a String per word: bags are made of whole articles.
    init(_ text: String) {
        var text = text
        text.withUTF8 { b in
            let n = b.count
            var i = 0
            var start = -1
            var ascii = true
            func flush(_ end: Int) {
                guard start >= 0 else { return }
                let slice = UnsafeBufferPointer(rebasing: b[start..<end])
                let word: String
                if ascii {
                    word = String(decoding: slice.map { $0 >= 65 && $0 <= 90 ? $0 + 32 : $0 }, as: UTF8.self)
                } else {
                    word = String(decoding: slice, as: UTF8.self).lowercased()
                }
                counts[word, default: 0] += 1
                total += 1
                start = -1
                ascii = true
            }
            while i < n {
                let c = b[i]
                if c < 0x80 {
                    let isWord = (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c == 95
                    if isWord { if start < 0 { start = i } } else { flush(i) }
                    i += 1
                    continue
                }
                let len = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : c >= 0xC0 ? 2 : 1
                var value = UInt32(c) & (len == 2 ? 0x1F : len == 3 ? 0x0F : 0x07)
                var k = 1
                while k < len, i + k < n { value = value << 6 | UInt32(b[i + k] & 0x3F); k += 1 }
                if let u = Unicode.Scalar(value), TokenBag.isWordScalar(u) {
                    if start < 0 { start = i }
                    ascii = false
                } else {
                    flush(i)
                }
                i += len
            }
            flush(n)
            chars = b.reduce(0) { $0 + ($1 & 0xC0 == 0x80 ? 0 : 1) }
        }
    }

    static func isWordScalar(_ u: Unicode.Scalar) -> Bool {
        if u.isASCII {
            let v = u.value
            return (v >= 48 && v <= 57) || (v >= 65 && v <= 90) || (v >= 97 && v <= 122) || v == 95
        }
        let p = u.properties
        return p.isAlphabetic || p.numericType != nil || p.generalCategory == .nonspacingMark
            || p.generalCategory == .spacingMark
    }

    /// Shared tokens (multiset intersection size).
    func overlap(_ other: TokenBag) -> Int {
        let (small, large) = counts.count <= other.counts.count ? (self, other) : (other, self)
        var tp = 0
        for (w, c) in small.counts { tp += min(c, large.counts[w] ?? 0) }
        return tp
    }

    /// F1 of this bag as a prediction of `truth`.
    func f1(against truth: TokenBag) -> Double {
        guard total > 0, truth.total > 0 else { return 0 }
        let tp = Double(overlap(truth))
        let p = tp / Double(total), r = tp / Double(truth.total)
        return p + r > 0 ? 2 * p * r / (p + r) : 0
    }
}
