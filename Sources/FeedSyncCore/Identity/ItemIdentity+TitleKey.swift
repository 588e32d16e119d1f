/// The normalized title of `titleDateKey`: lower-cased, whitespace to single spaces, everything but
/// letters, digits and spaces dropped.
///
/// On UTF-8 bytes. The rule splits on the `Character` `" "`, which a neighbouring combining or
/// prepended mark would absorb, so a title whose folded form has such a scalar takes the
/// `Character` path (`normalizedTitleByCharacters`); DifferentialTests hold both to the same bytes.
extension ItemIdentity {
    static func normalizedTitle(_ title: String) -> String {
        var title = title
        let fast: String? = title.withUTF8 { p in
            var folded = [UInt8]()
            folded.reserveCapacity(p.count)
            var i = 0
            while i < p.count {
                let b = p[i]
                if b < 0x80 {
                    i += 1
                    if b >= 0x41 && b <= 0x5A { folded.append(b + 0x20) } else if (b >= 0x61 && b <= 0x7A) || (b >= 0x30 && b <= 0x39) {
                        folded.append(b)
                    } else if b == 0x20 || (b >= 0x09 && b <= 0x0D) {
                        folded.append(0x20)
                    }
                    continue
                }
                let (v, n) = UTF8Scan.decode(p, at: i)
                i += n
                guard let scalar = Unicode.Scalar(v) else { continue }
                let props = scalar.properties
                if !props.changesWhenLowercased {
                    guard append(scalar, to: &folded) else { return nil }
                } else {
                    for lower in props.lowercaseMapping.unicodeScalars {
                        guard append(lower, to: &folded) else { return nil }
                    }
                }
            }
            // Split on spaces, drop empty runs, join with one space.
            var out = [UInt8]()
            out.reserveCapacity(folded.count)
            var pendingSpace = false
            for b in folded {
                if b == 0x20 { pendingSpace = !out.isEmpty; continue }
                if pendingSpace { out.append(0x20); pendingSpace = false }
                out.append(b)
            }
            return String(decoding: out, as: UTF8.self)
        }
        return fast ?? normalizedTitleByCharacters(title)
    }

    /// Appends what a lower-cased scalar becomes in the folded title; false when it may join a
    /// space into one grapheme cluster (the caller then takes the `Character` path).
    @inline(__always)
    private static func append(_ s: Unicode.Scalar, to folded: inout [UInt8]) -> Bool {
        let v = s.value
        if v < 0x80 {
            if v == 0x20 || (v >= 0x09 && v <= 0x0D) { folded.append(0x20) } else if CharacterSetLite.isWordish(s) { folded.append(UInt8(v)) }
            return true
        }
        if UTF8Scan.isWhitespace(v) { folded.append(0x20); return true }
        guard CharacterSetLite.isWordish(s) else { return true }
        if UTF8Scan.mayJoinNeighbour(v) { return false }
        UTF8Scan.append(s, to: &folded)
        return true
    }

    /// The rule on `Character`s (the general path).
    static func normalizedTitleByCharacters(_ title: String) -> String {
        var folded = String.UnicodeScalarView()
        for s in title.lowercased().unicodeScalars {
            if s.properties.isWhitespace { folded.append(" ") } else if CharacterSetLite.isWordish(s) { folded.append(s) }
        }
        return String(folded).split(separator: " ").joined(separator: " ")
    }
}
