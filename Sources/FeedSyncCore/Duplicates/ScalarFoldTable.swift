/// What `TextNormalizer.scan` does with each non-ASCII scalar below U+3100 (Latin, Greek,
/// Cyrillic, Hebrew, Arabic, Indic, Thai, ... up to kana), worked out once from the same Unicode
/// properties the scan consults for the others: the scan then reads a table instead of looking up
/// three properties and a case mapping per letter. DifferentialTests compares the scan with the
/// `String` reference on text in these scripts.
struct ScalarFoldTable: Sendable {
    enum Kind: UInt8 { case mark, apostrophe, letter, separator }

    static let limit: UInt32 = 0x3100
    static let shared = ScalarFoldTable()

    private var kinds: [Kind]
    /// Start of each scalar's folded bytes in `bytes` (index v - 0x80; one more at the end).
    private var starts: [Int32]
    private var bytes: [UInt8]

    private init() {
        let count = Int(Self.limit) - 0x80
        kinds = []; kinds.reserveCapacity(count)
        starts = []; starts.reserveCapacity(count + 1)
        bytes = []; bytes.reserveCapacity(count * 2)
        for v in UInt32(0x80)..<Self.limit {
            starts.append(Int32(bytes.count))
            guard let scalar = Unicode.Scalar(v) else { kinds.append(.separator); continue }
            let props = scalar.properties
            if props.generalCategory == .nonspacingMark {
                kinds.append(.mark)
            } else if TextNormalizer.isApostrophe(scalar) {
                kinds.append(.apostrophe)
            } else if props.isAlphabetic || props.numericType != nil {
                kinds.append(.letter)
                for lower in props.lowercaseMapping.unicodeScalars { TextNormalizer.appendFolded(lower, to: &bytes) }
            } else {
                kinds.append(.separator)
            }
        }
        starts.append(Int32(bytes.count))
    }

    /// The kind of a scalar in 0x80..<limit, and for a letter its folded bytes appended to `out`.
    @inline(__always)
    func fold(_ v: UInt32, into out: inout [UInt8]) -> Kind {
        let i = Int(v) - 0x80
        let kind = kinds[i]
        if kind == .letter {
            let start = Int(starts[i]), end = Int(starts[i + 1])
            if end - start == 1 { out.append(bytes[start]) } else { out.append(contentsOf: bytes[start..<end]) }
        }
        return kind
    }
}
