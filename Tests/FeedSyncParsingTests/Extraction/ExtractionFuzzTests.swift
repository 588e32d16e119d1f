import FeedSyncCore
import Foundation
import Testing
@testable import FeedSyncParsing

/// Extraction must survive whatever a server sends: truncated downloads, corrupted bytes, tag soup,
/// pathological nesting. These run every fixture page through hundreds of damaged variants; a crash
/// takes the test process down, a quadratic path shows as a blown time budget.
@Suite("Extraction fuzz")
struct ExtractionFuzzTests {
    /// Generous per-page budget for a debug build on a loaded machine; the release limit (1 s) is
    /// checked on real pages by scripts/check-extract.sh.
    static let budget: Double = 10 * FeedTest.timeScale

    private func run(_ bytes: [UInt8], _ what: String) {
        let start = Date()
        let page = ContentExtractor.extract(bytes, url: "https://fuzz.example/p", contentType: nil)
        let elapsed = Date().timeIntervalSince(start)
        #expect(elapsed < Self.budget, "\(what): \(elapsed) s")
        // The text must be valid output (no NULs leaking through from the input).
        #expect(!page.text.unicodeScalars.contains("\u{0}"), "\(what)")
    }

    @Test("truncated copies of every fixture page extract without crashing", arguments: ExtractionFixtures.names)
    func truncated(_ name: String) throws {
        let bytes = try ExtractionFixtures.bytes(name)
        for k in 0..<40 {
            let cut = bytes.count * k / 40 + (k % 3)  // also cuts inside multi-byte characters
            run(Array(bytes.prefix(cut)), "\(name) cut at \(cut)")
        }
    }

    @Test("garbled copies of every fixture page extract without crashing", arguments: ExtractionFixtures.names)
    func garbled(_ name: String) throws {
        let bytes = try ExtractionFixtures.bytes(name)
        var rng = SeededRandom(state: UInt64(bytes.count))
        let junk: [[UInt8]] = ["<div>", "</p>", "<table>", "</html>", "<!--", "<script>", "\"", "&", "&#x", "<![CDATA[",
                               "<p", "=", "<ul><li>", "</body>", "\u{0}", "<br/>", "<h2>Related Articles</h2>"]
            .map { Array($0.utf8) } + [[0xFF, 0xFE], [0xC3], [0xE2, 0x80]]
        for variant in 0..<40 {
            var b = bytes
            switch variant % 5 {
            case 0:  // random byte flips
                for _ in 0..<max(1, b.count / 100) { b[rng.below(b.count)] = UInt8(truncatingIfNeeded: rng.next()) }
            case 1:  // markup fragments inserted anywhere
                for _ in 0..<20 { b.insert(contentsOf: junk[rng.below(junk.count)], at: rng.below(b.count + 1)) }
            case 2:  // angle brackets and quotes dropped
                b.removeAll { ($0 == 0x3C || $0 == 0x3E || $0 == 0x22) && rng.below(4) == 0 }
            case 3:  // a slice duplicated elsewhere, another removed
                let i = rng.below(b.count), n = rng.below(max(1, b.count / 4))
                let slice = Array(b[i..<min(b.count, i + n)])
                b.insert(contentsOf: slice, at: rng.below(b.count + 1))
                let j = rng.below(b.count)
                b.removeSubrange(j..<min(b.count, j + rng.below(500)))
            default:  // halves swapped
                let m = rng.below(b.count)
                b = Array(b[m...] + b[..<m])
            }
            run(b, "\(name) variant \(variant)")
        }
    }

    @Test("pathological documents extract without crashing")
    func pathological() {
        let para = "<p>Some words of prose, with a comma, in a paragraph long enough to be scored as text.</p>"
        let cases: [(String, [UInt8])] = [
            ("empty", []),
            ("whitespace", Array("  \n\t ".utf8)),
            ("lone bracket", Array("<".utf8)),
            ("deep divs", Array((String(repeating: "<div>", count: 20_000) + para).utf8)),
            ("deep inline", Array((String(repeating: "<b>", count: 20_000) + "text").utf8)),
            ("deep tables", Array(String(repeating: "<table><tr><td>", count: 3_000).utf8)),
            ("unclosed paragraphs", Array(String(repeating: "<p>word, ", count: 20_000).utf8)),
            ("many brs", Array(("<div>" + String(repeating: "line<br>", count: 20_000)).utf8)),
            ("huge attribute", Array(("<div class=\"" + String(repeating: "a", count: 1_000_000) + "\">" + para).utf8)),
            ("binary", (0..<65_536).map { UInt8(truncatingIfNeeded: $0 &* 2_654_435_761 >> 13) }),
            ("utf16 bom", [0xFF, 0xFE] + Array("<p>hello</p>".utf8)),
            ("bogus charset", Array(("<meta charset=\"x-made-up-\(String(repeating: "z", count: 100))\">" + para).utf8)),
            ("utf-7 charset", Array(("<meta charset=\"utf-7\">" + para).utf8)),
            ("deep json-ld", Array(("<script type=\"application/ld+json\">" + String(repeating: "[", count: 100_000)
                + "</script>" + para).utf8)),
            ("broken json-ld", Array("<script type=\"application/ld+json\">{\"@type\": \"NewsArticle\", \"headline\": </script>".utf8)),
            ("only comments", Array(String(repeating: "<!-- x -->", count: 10_000).utf8)),
            ("related heading only", Array("<h2>Related Articles</h2>".utf8)),
            ("nul bytes", Array(("<p>a\u{0}b</p>" + para).utf8)),
        ]
        for (what, bytes) in cases { run(bytes, what) }
    }
}
