import FeedSyncCore
import Testing
@testable import FeedSyncParsing

/// `XMLNode.collapseWhitespace` on bytes against the scalar loop it replaced (page titles, selected
/// text and alt text go through it, and item identities hash what it returns).
@Suite struct CollapseWhitespaceTests {
    /// The scalar implementation, as it was.
    private func reference(_ s: String) -> String {
        var out = ""
        var pendingSpace = false
        for ch in s.unicodeScalars {
            if ch.properties.isWhitespace || ch == "\u{00A0}" {
                pendingSpace = !out.isEmpty
            } else {
                if pendingSpace { out.unicodeScalars.append(" "); pendingSpace = false }
                out.unicodeScalars.append(ch)
            }
        }
        return out
    }

    @Test func collapsesAndTrimsEveryKindOfWhitespace() {
        #expect(XMLNode.collapseWhitespace("  a \t\n b\u{A0}\u{2003}c\u{3000} ") == "a b c")
        #expect(XMLNode.collapseWhitespace("\u{85}\u{1680}\u{2028}\u{2029}\u{202F}\u{205F}") == "")
        // Not White_Space: zero-width space, the separators Python strips, a combining mark.
        #expect(XMLNode.collapseWhitespace("a\u{200B}b\u{1C}c \u{301}") == "a\u{200B}b\u{1C}c \u{301}")
    }

    @Test func matchesTheScalarLoopOnRandomText() {
        let pieces = [" ", "  ", "\t", "\n", "\r\n", "\u{0B}", "\u{0C}", "\u{1C}", "\u{85}", "\u{A0}", "\u{1680}", "\u{2000}",
                      "\u{200A}", "\u{200B}", "\u{2028}", "\u{202F}", "\u{205F}", "\u{3000}", "\u{FEFF}", "a", "Ü", "Ελλάδα",
                      "\u{301}", "日本", "👍🏽", "\u{10FFFF}", "\u{0}", "word"]
        var rng = SeededRandom(state: 42)
        for _ in 0..<5000 {
            let s = (0..<rng.below(10)).map { _ in pieces[rng.below(pieces.count)] }.joined()
            #expect(Array(XMLNode.collapseWhitespace(s).utf8) == Array(reference(s).utf8), "\(Array(s.unicodeScalars))")
        }
    }
}
