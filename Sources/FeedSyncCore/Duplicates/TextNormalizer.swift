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
        var scalars = Substring(text).unicodeScalars[...]
        if stripDateline { scalars = scalars.dropFirst(datelineLength(Array(scalars.prefix(120)))) }
        var words: [String] = []
        var current = String.UnicodeScalarView()
        func flush() {
            guard !current.isEmpty else { return }
            let word = String(current)
            current.removeAll(keepingCapacity: true)
            // "per cent" is one word in every other house style.
            if word == "cent", words.last == "per" { words[words.count - 1] = "percent" } else { words.append(word) }
        }
        var previousWasWordChar = false
        var iterator = scalars.makeIterator()
        var pending: Unicode.Scalar? = iterator.next()
        while let scalar = pending, words.count < limit {
            pending = iterator.next()
            let v = scalar.value
            // ASCII fast path: most news text is ASCII, and Unicode property lookups are not free.
            if v < 0x80 {
                if (v >= 0x61 && v <= 0x7A) || (v >= 0x30 && v <= 0x39) {
                    current.append(scalar); previousWasWordChar = true
                } else if v >= 0x41 && v <= 0x5A, let lower = Unicode.Scalar(v + 0x20) {
                    current.append(lower); previousWasWordChar = true
                } else if v == 0x27 || v == 0x60 {
                    if previousWasWordChar, let next = pending, next.properties.isAlphabetic { continue }
                    flush(); previousWasWordChar = false
                } else if v == 0x25 {
                    flush(); words.append("percent"); previousWasWordChar = false
                } else {
                    flush(); previousWasWordChar = false
                }
                continue
            }
            let props = scalar.properties
            if props.generalCategory == .nonspacingMark { continue } // already-decomposed accents
            if isApostrophe(scalar) {
                // Joins only inside a word: "Russia's" -> "russias"; a closing quote is punctuation.
                if previousWasWordChar, let next = pending, next.properties.isAlphabetic { continue }
                flush(); previousWasWordChar = false
                continue
            }
            if props.isAlphabetic || props.numericType != nil {
                for lower in props.lowercaseMapping.unicodeScalars {
                    if let folded = DiacriticFolding.fold(lower) {
                        current.append(contentsOf: folded.unicodeScalars)
                    } else if lower.properties.generalCategory != .nonspacingMark {
                        current.append(lower)
                    }
                }
                previousWasWordChar = true
            } else {
                flush()
                previousWasWordChar = false
            }
        }
        if words.count < limit { flush() }
        return words
    }

    private static func isApostrophe(_ s: Unicode.Scalar) -> Bool {
        s == "'" || s == "\u{2019}" || s == "\u{2018}" || s == "\u{02BC}" || s == "`"
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
