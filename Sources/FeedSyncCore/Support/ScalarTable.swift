/// Unicode facts about the scalars U+0080..<U+2070 (Latin, Greek, Cyrillic, Armenian, Hebrew, Arabic,
/// the Indic and South-East Asian blocks, Latin and Greek Extended, general punctuation: nearly all
/// the non-ASCII text of news in alphabetic scripts), read from `Unicode.Scalar.Properties` once per
/// process, on first use, instead of once per scalar of every item.
///
/// Each fact is the property lookup it replaces (`DifferentialTests` checks every scalar of the
/// range against the lookups). The accessors answer for any scalar: outside the range they make
/// the lookups (and call no such scalar `simple`).
struct ScalarTable: Sendable {
    static let range: Range<UInt32> = 0x80..<0x2070
    static let shared = ScalarTable()

    /// Per scalar: `Kind` bits.
    private let kinds: [UInt8]
    /// `TextNormalizer`'s folded form of a word character: lower case, diacritics removed.
    private let folded: ByteRuns
    /// `lowercaseMapping`, as `String.lowercased()` maps the scalar.
    private let lower: ByteRuns

    enum Kind {
        static let nonspacingMark: UInt8 = 1
        static let alphabetic: UInt8 = 2
        /// Alphabetic or numeric: part of a word for `TextNormalizer`.
        static let wordCharacter: UInt8 = 4
        /// Always one `Character` by itself, whatever its neighbours among scalars that are
        /// `simple` too or ASCII (see `isSimple`).
        static let simple: UInt8 = 8
    }

    /// The `Kind` bits of a scalar value (0 for a value that is no scalar).
    @inline(__always) func kind(_ v: UInt32) -> UInt8 {
        if Self.range.contains(v) { return kinds[Int(v - Self.range.lowerBound)] }
        return Unicode.Scalar(v).map(Self.kind(of:)) ?? 0
    }

    /// Appends a word character's folded bytes (`TextNormalizer.appendFoldedWordCharacter`).
    @inline(__always) func appendFolded(_ v: UInt32, to bytes: inout [UInt8]) {
        if Self.range.contains(v) {
            bytes.append(contentsOf: folded.bytes(Int(v - Self.range.lowerBound)))
        } else if let s = Unicode.Scalar(v) {
            TextNormalizer.appendFoldedWordCharacter(s, to: &bytes)
        }
    }

    /// The lower-case bytes of a scalar of the range (every `simple` scalar is in it).
    @inline(__always) func lowercase(_ v: UInt32) -> ArraySlice<UInt8> { lower.bytes(Int(v - Self.range.lowerBound)) }

    /// The `Kind` bits but `simple`, from the properties.
    private static func kind(of s: Unicode.Scalar) -> UInt8 {
        let p = s.properties
        var k: UInt8 = 0
        if p.generalCategory == .nonspacingMark { k |= Kind.nonspacingMark }
        if p.isAlphabetic { k |= Kind.alphabetic }
        if p.isAlphabetic || p.numericType != nil { k |= Kind.wordCharacter }
        return k
    }

    private init() {
        var kinds = [UInt8](repeating: 0, count: Int(Self.range.count))
        var folded = ByteRuns(), lower = ByteRuns()
        var buffer: [UInt8] = []
        for v in Self.range {
            let i = Int(v - Self.range.lowerBound)
            guard let s = Unicode.Scalar(v) else { folded.append([]); lower.append([]); continue }
            let p = s.properties
            let k = Self.kind(of: s) | (Self.isSimple(v) ? Kind.simple : 0)
            kinds[i] = k
            buffer.removeAll(keepingCapacity: true)
            if k & Kind.wordCharacter != 0 { TextNormalizer.appendFoldedWordCharacter(s, to: &buffer) }
            folded.append(buffer)
            buffer.removeAll(keepingCapacity: true)
            if p.changesWhenLowercased {
                buffer.append(contentsOf: p.lowercaseMapping.utf8)
            } else {
                UTF8Scan.append(s, to: &buffer)
            }
            lower.append(buffer)
        }
        self.kinds = kinds
        self.folded = folded
        self.lower = lower
    }

    /// Whether the scalar is a grapheme cluster by itself next to any ASCII or other simple scalar:
    /// not a mark, format character or modifier (`UTF8Scan.mayJoinNeighbour`), and outside
    /// U+0900..<U+1E00, whose Indic conjuncts (UAX #29 GB9c), Hangul jamo (GB6-GB8) and other
    /// clusters join letters with letters. Between simple scalars the only grapheme rule that
    /// does not break is CR LF (GB3).
    private static func isSimple(_ v: UInt32) -> Bool {
        if (0x900..<0x1E00).contains(v) { return false }
        return !UTF8Scan.mayJoinNeighbour(v)
    }

    /// Byte strings by index, concatenated.
    private struct ByteRuns {
        var starts: [UInt32] = [0]
        var all: [UInt8] = []
        mutating func append(_ bytes: [UInt8]) {
            all.append(contentsOf: bytes)
            starts.append(UInt32(all.count))
        }
        @inline(__always) func bytes(_ i: Int) -> ArraySlice<UInt8> { all[Int(starts[i])..<Int(starts[i + 1])] }
    }
}
