@testable import FeedSyncCore

// Reference implementation for the differential tests (DifferentialTests.swift): the production code as
// it was before the core moved to UTF-8 bytes (Character and Unicode-scalar based), kept verbatim but
// for its name (the dateline rule, unchanged, is production's). The byte implementation must give
// byte-for-byte the same output on every input.
/// The words of a text on Unicode scalars and `String`s (see `TextNormalizer` for the rules).
enum ReferenceTextNormalizer {
    /// The words of `text`, at most `limit` of them (the rest of the text is not even read).
    static func words(_ text: String, limit: Int = .max, stripDateline: Bool = false) -> [String] {
        var scalars = Substring(text).unicodeScalars[...]
        if stripDateline { scalars = scalars.dropFirst(TextNormalizer.datelineLength(Array(scalars.prefix(120)))) }
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
}
