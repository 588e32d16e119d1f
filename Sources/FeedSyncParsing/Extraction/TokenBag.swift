/// A multiset of lower-cased word tokens, to compare two texts by the words they share.
struct TokenBag {
    private(set) var counts: [String: Int] = [:]
    private(set) var total = 0

    /// Splits on anything that is not a letter, digit, mark or underscore (the `\w` of regexes).
    init(_ text: String) {
        var word = String.UnicodeScalarView()
        func flush() {
            if !word.isEmpty {
                counts[String(word).lowercased(), default: 0] += 1
                total += 1
                word.removeAll(keepingCapacity: true)
            }
        }
        for u in text.unicodeScalars {
            if TokenBag.isWordScalar(u) { word.append(u) } else { flush() }
        }
        flush()
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
