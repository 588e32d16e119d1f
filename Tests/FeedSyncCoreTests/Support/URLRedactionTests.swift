@testable import FeedSyncCore
import Testing

/// `URLRedaction.redact` takes a byte path for ASCII text; it must answer as the `Character` code
/// (`redactCharacters`) on every input, URLs or messages holding one.
@Suite struct URLRedactionTests {
    @Test func removesUserInfoOnly() {
        #expect(URLRedaction.redact("https://u:p@host/x") == "https://host/x")
        #expect(URLRedaction.redact("fetch of https://a@b:c@host:8080?q=@#@ failed") == "fetch of https://host:8080?q=@#@ failed")
        #expect(URLRedaction.redact("https://host/a@b") == "https://host/a@b")
        #expect(URLRedaction.redact("no url here @ all") == "no url here @ all")
    }

    @Test func matchesTheCharacterCodeOnRandomText() {
        let pieces = ["https", "://", ":", "/", "//", "?", "#", "@", "u", "p", "host", ".org", ":8443", "\r\n", " ", "x=1",
                      "bücher", "\u{301}", "/\u{301}", "@\u{301}", "日本", ""]
        var rng = SeededRandom(state: 7)
        for _ in 0..<5000 {
            let s = (0..<rng.below(9)).map { _ in pieces[rng.below(pieces.count)] }.joined()
            #expect(Array(URLRedaction.redact(s).utf8) == Array(URLRedaction.redactCharacters(s).utf8), "\(s.debugDescription)")
        }
    }
}
