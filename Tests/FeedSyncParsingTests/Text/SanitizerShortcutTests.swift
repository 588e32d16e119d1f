import FeedSyncCore
import Testing
@testable import FeedSyncParsing

/// The sanitizer has shortcuts for the fragments feeds are made of: a single pass over the
/// unprepared fragment (abandoned when something needs `prepare`), and start tags written from
/// bytes. Random tag soup, heavy in exactly what the shortcuts must notice, has to come out as the
/// always-prepare path makes it.
@Suite struct SanitizerShortcutTests {
    static let pieces = [
        "<p>", "</p>", "<br/>", "<br />", "<span/>", "<b>", "</b>", "<!-- c -->", "<!DOCTYPE x>", "<![CDATA[x]]>",
        "<!x>", "&#39;", "&#34;", "&#35;", "&#39", "&amp;", "&nbsp;", "&bogus;", "& ", "&", "<", ">", "\"", "'",
        "<a href=\"https://example.org/a?b=1&amp;c=2\">", "<a href=\"/rel\">", "<a href=\"x<br/>y\">",
        "<a title=\"it&#39;s\" href=\"https://e.org/\">", "<a HREF='https://e.org/x' Rel=\"NoFollow\">", "</a>",
        "<img src=\"https://e.org/i.png\" alt=\"pic &amp; text\">", "<img src=\"javascript:alert(1)\">",
        "<div style=\"color: red\">", "</div>", "<script>x()</script>", "<svg><circle r=\"1\"/></svg>",
        "<a href=\"https://e.org/\" href=\"https://f.org/\">", "<a href=\"https://e.org/&#106;\">", "<?pi x?>",
        "text", " ", "\n", "\r\n", "déjà vu", "東京", "<a/b/", "<tag attr=\"unterminated", "</", "<x y=\"<!z\">",
        // Bare tags, which have a path of their own: upper case, void, unknown, dropped, SVG's.
        "<P>", "</P>", "<B>", "</Br>", "<br>", "</br>", "<img>", "</img>", "<blink>", "</blink>", "<H1>", "</h1>",
        "</script>", "<style>", "</style>", "</svg>", "<svg>", "<math>", "</math>", "</circle>",
    ]

    @Test func shortcutsMatchThePreparedPath() {
        var rng = SeededRandom(state: 0xFEED)
        for _ in 0..<3000 {
            var fragment = ""
            for _ in 0..<(1 + rng.below(12)) { fragment += Self.pieces[rng.below(Self.pieces.count)] }
            let bytes = Array(fragment.utf8)
            for xhtml in [false, true] {
                let fast = SanitizerBuffers(), reference = SanitizerBuffers()
                let (r1, r2) = bytes.withUnsafeBufferPointer { p in
                    (HTMLSanitizer.rewrite(p, baseURL: "https://base.example/dir/", xhtml: xhtml, withText: true,
                                           into: fast),
                     HTMLSanitizer.rewrite(p, baseURL: "https://base.example/dir/", xhtml: xhtml, withText: true,
                                           into: reference, shortcuts: false))
                }
                let html = String(decoding: fast.html.slice(r1), as: UTF8.self)
                let expected = String(decoding: reference.html.slice(r2), as: UTF8.self)
                #expect(html == expected, "\(fragment.debugDescription) xhtml=\(xhtml)")
                #expect(fast.text.bytes == reference.text.bytes, "text of \(fragment.debugDescription)")
            }
        }
    }
}
