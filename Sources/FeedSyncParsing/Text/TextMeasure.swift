/// Length and word counts that mean the same in every script.
///
/// Chinese and Japanese are written without spaces between words, and so is Thai (and Lao, Khmer,
/// Burmese): counting space-separated words finds one "word" in a whole headline. Here each
/// character of those scripts counts as half a word (a Chinese word is one to two characters
/// long), and each East Asian wide character (CJK, kana, Hangul) as two columns of length, as a
/// terminal lays it out, so "twenty characters" asks as much of a Chinese headline as of an
/// English one.
enum TextMeasure {
    /// Words in `text`: space-separated runs, where characters of scripts written without spaces
    /// count half a word each (rounded down, at least one per run).
    static func words(_ text: some StringProtocol) -> Int {
        var total = 0
        for run in text.split(whereSeparator: { $0.isWhitespace }) {
            var unspaced = 0
            for scalar in run.unicodeScalars where isUnspacedScript(scalar) { unspaced += 1 }
            total += unspaced == 0 ? 1 : max(1, unspaced / 2 + (unspaced == run.unicodeScalars.count ? 0 : 1))
        }
        return total
    }

    /// Columns `text` takes: two for each East Asian wide character, one for any other character.
    static func columns(_ text: some StringProtocol) -> Int {
        var n = 0
        for scalar in text.unicodeScalars { n += isWide(scalar) ? 2 : 1 }
        return n
    }

    /// Ideographs, kana, Thai, Lao, Khmer and Myanmar: scripts that do not put spaces between words.
    static func isUnspacedScript(_ s: Unicode.Scalar) -> Bool {
        switch s.value {
        case 0x0E00...0x0EFF,  // Thai, Lao
             0x1000...0x109F,  // Myanmar
             0x1780...0x17FF,  // Khmer
             0x3040...0x30FF,  // Hiragana, Katakana
             0x3400...0x4DBF, 0x4E00...0x9FFF, 0xF900...0xFAFF, 0x20000...0x3134F:  // CJK ideographs
            return true
        default:
            return false
        }
    }

    /// East Asian wide characters (UAX #11, the common ranges): CJK, kana, Hangul, full-width forms.
    static func isWide(_ s: Unicode.Scalar) -> Bool {
        switch s.value {
        case 0x1100...0x115F, 0x2E80...0x303E, 0x3041...0x33FF, 0x3400...0x4DBF, 0x4E00...0x9FFF,
             0xA960...0xA97F, 0xAC00...0xD7A3, 0xF900...0xFAFF, 0xFE30...0xFE4F, 0xFF00...0xFF60,
             0xFFE0...0xFFE6, 0x20000...0x3FFFD:
            return true
        default:
            return false
        }
    }
}
