/// Turns item text into the words near-duplicate detection compares: case-folded, diacritics removed,
/// punctuation removed, and the differences that only reflect an outlet's house style erased.
///
/// - `Zelensky's`, `Zelensky’s` and `ZELENSKY'S` all give `zelenskys` (apostrophes inside a word join it).
/// - `%`, `percent` and `per cent` all give `percent`.
/// - A leading news dateline (`KYIV:`, `Lorrin (Reuters) -`, `LORRIN, July 3 (AP) —`) is dropped from the
///   text, since outlets add or remove it when they republish the same copy.
public enum TextNormalizer {
    /// The words of `text`, at most `limit` of them (the rest of the text is not even read).
    public static func words(_ text: String, limit: Int = .max, stripDateline: Bool = false) -> [String] {
        var buffer = WordBuffer()
        scan(text, limit: limit, stripDateline: stripDateline, into: &buffer)
        return (0..<buffer.count).map { buffer.string($0) }
    }

    /// The words of `text` into `words` (emptied first) as UTF-8 bytes: the same words as `words(_:)`,
    /// without a `String` per word. Works on the bytes; only non-ASCII letters consult Unicode properties.
    static func scan(_ text: String, limit: Int = .max, stripDateline: Bool = false, into words: inout WordBuffer) {
        words.removeAll()
        var start = 0
        if stripDateline {
            let scalars = Array(text.unicodeScalars.prefix(120))
            for s in scalars.prefix(datelineLength(scalars)) { start += UTF8.width(s) }
        }
        var text = text
        text.withUTF8 { p in
            scan(p, from: start, limit: limit, into: &words)
        }
    }

    private static func scan(_ p: UnsafeBufferPointer<UInt8>, from start: Int, limit: Int, into words: inout WordBuffer) {
        var previousWasWordChar = false
        var i = start
        let table = ScalarTable.shared
        // Whether the scalar starting at byte j is alphabetic (an apostrophe joins only before one).
        func alphabeticAt(_ j: Int) -> Bool {
            guard j < p.count else { return false }
            let b = p[j]
            if b < 0x80 { return (b | 0x20) >= 0x61 && (b | 0x20) <= 0x7A }
            return table.kind(UTF8Scan.decode(p, at: j).value) & ScalarTable.Kind.alphabetic != 0
        }
        while i < p.count, words.count < limit {
            let b = p[i]
            // ASCII fast path: most news text is ASCII, and Unicode property lookups are not free.
            if b < 0x80 {
                i += 1
                if (b >= 0x61 && b <= 0x7A) || (b >= 0x30 && b <= 0x39) {
                    words.bytes.append(b); previousWasWordChar = true
                } else if b >= 0x41 && b <= 0x5A {
                    words.bytes.append(b + 0x20); previousWasWordChar = true
                } else if b == 0x27 || b == 0x60 {
                    if previousWasWordChar, alphabeticAt(i) { continue }
                    words.endWord(); previousWasWordChar = false
                } else if b == 0x25 {
                    words.endWord(); words.append(ascii: "percent"); previousWasWordChar = false
                } else {
                    words.endWord(); previousWasWordChar = false
                }
                continue
            }
            let (v, length) = UTF8Scan.decode(p, at: i)
            i += length
            let kind = table.kind(v)  // facts looked up once per process for most scripts
            if kind & ScalarTable.Kind.nonspacingMark != 0 { continue } // already-decomposed accents
            if isApostrophe(v) {
                // Joins only inside a word: "Russia's" -> "russias"; a closing quote is punctuation.
                if previousWasWordChar, alphabeticAt(i) { continue }
                words.endWord(); previousWasWordChar = false
            } else if kind & ScalarTable.Kind.wordCharacter != 0 {
                table.appendFolded(v, to: &words.bytes)
                previousWasWordChar = true
            } else {
                words.endWord()
                previousWasWordChar = false
            }
        }
        if words.count < limit { words.endWord() }
    }

    /// A word character (alphabetic or numeric) as words hold it: lower case, without diacritics.
    static func appendFoldedWordCharacter(_ scalar: Unicode.Scalar, to bytes: inout [UInt8]) {
        let props = scalar.properties
        if !props.changesWhenLowercased {
            appendFolded(scalar, to: &bytes)
        } else {
            for lower in props.lowercaseMapping.unicodeScalars { appendFolded(lower, to: &bytes) }
        }
    }

    /// A lower-case scalar without its diacritics (combining marks of a decomposition dropped).
    @inline(__always)
    private static func appendFolded(_ lower: Unicode.Scalar, to bytes: inout [UInt8]) {
        if let folded = DiacriticFolding.foldedUTF8(lower) {
            bytes.append(contentsOf: folded)
        } else if lower.properties.generalCategory != .nonspacingMark {
            UTF8Scan.append(lower, to: &bytes)
        }
    }

    @inline(__always)
    private static func isApostrophe(_ v: UInt32) -> Bool {
        v == 0x27 || v == 0x2019 || v == 0x2018 || v == 0x02BC || v == 0x60
    }

    /// Length in scalars of a leading dateline: up to four capitalized words (a place), optionally
    /// `, Month Day`, optionally `(Agency)`, then `:`, `-`, `--`, `—` or `–` followed by a space.
    /// Zero when the text does not start with one. Sentences such as "Officials said: ..." are not
    /// datelines because every word of the place must start with a capital.
    static func datelineLength(_ s: [Unicode.Scalar]) -> Int {
        var i = 0
        func isUpper(_ c: Unicode.Scalar) -> Bool { c.properties.isUppercase }
        func isLetter(_ c: Unicode.Scalar) -> Bool { c.properties.isAlphabetic }
        func skipSpaces() { while i < s.count, s[i] == " " { i += 1 } }
        var placeWords = 0
        while i < s.count, isUpper(s[i]), placeWords < 4 {
            while i < s.count, isLetter(s[i]) || s[i] == "." || s[i] == "'" || s[i] == "-" && i + 1 < s.count && isLetter(s[i + 1]) {
                i += 1
            }
            placeWords += 1
            guard i < s.count, s[i] == " ", i + 1 < s.count, isUpper(s[i + 1]) else { break }
            i += 1
        }
        guard placeWords > 0 else { return 0 }
        // ", July 3"
        if i + 1 < s.count, s[i] == "," {
            var j = i + 1
            while j < s.count, s[j] == " " { j += 1 }
            let monthStart = j
            while j < s.count, isLetter(s[j]) { j += 1 }
            if j < s.count, s[j] == "." { j += 1 }
            let monthLength = j - monthStart
            while j < s.count, s[j] == " " { j += 1 }
            let dayStart = j
            while j < s.count, s[j].properties.numericType != nil { j += 1 }
            if monthLength >= 3, j > dayStart, j - dayStart <= 2 { i = j }
        }
        skipSpaces()
        // "(Reuters)"
        if i < s.count, s[i] == "(" {
            var j = i + 1
            while j < s.count, j - i < 30, s[j] != ")" { j += 1 }
            guard j < s.count, s[j] == ")" else { return 0 }
            i = j + 1
            skipSpaces()
        }
        guard i < s.count else { return 0 }
        let separatorStart = i
        if s[i] == ":" || s[i] == "\u{2014}" || s[i] == "\u{2013}" {
            i += 1
        } else if s[i] == "-" {
            i += 1
            if i < s.count, s[i] == "-" { i += 1 }
        }
        guard i > separatorStart, i < s.count, s[i] == " " else { return 0 }
        return i + 1
    }
}
