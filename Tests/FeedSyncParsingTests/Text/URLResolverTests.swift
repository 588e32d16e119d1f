import FeedSyncCore
@testable import FeedSyncParsing
import Testing

@Suite struct URLResolverTests {
    @Test(arguments: [
        ("http://a/b/c/d;p?q", "g", "http://a/b/c/g"),
        ("http://a/b/c/d;p?q", "../g", "http://a/b/g"),
        ("http://a/b/c/d;p?q", "/g", "http://a/g"),
        ("http://a/b/c/d;p?q", "//g", "http://g"),
        ("http://a/b/c/d;p?q", "?y", "http://a/b/c/d;p?y"),
        ("http://a/b/c/d;p?q", "#s", "http://a/b/c/d;p?q#s"),
        ("http://a/b/c/d;p?q", "../../../g", "http://a/g"),
        ("http://a/b/", "https://other/x", "https://other/x"),
        ("", "relative/path", "relative/path"),
        ("http://a/", "http:///b", "http://b"),
    ])
    func joinsLikeRFC3986(base: String, reference: String, expected: String) {
        #expect(URLResolver.join(base, reference) == expected)
    }

    @Test func nonHierarchicalSchemesAreNotJoined() {
        #expect(URLResolver.join("tag:example.org,2024:x", "y") == "y")
    }

    @Test func unsafeSchemesResolveToNothing() {
        #expect(URLResolver.safeAbsolute("http://a/", "javascript:alert(1)") == "")
        #expect(URLResolver.safeAbsolute("http://a/", "mailto:x@y") == "mailto:x@y")
    }

    /// The rule `isPlainHTTPURL` implements (eight bytes at a time), written out byte by byte.
    private static func plainByTheRule(_ u: [UInt8]) -> Bool {
        let s = String(decoding: u, as: UTF8.self)
        guard u.count > 8, s.hasPrefix("http://") || s.hasPrefix("https://") else { return false }
        let rest = Array(u[(s.hasPrefix("https://") ? 8 : 7)...])
        guard let first = rest.first, first != UInt8(ascii: "/"), u.last != UInt8(ascii: "?"),
              u.last != UInt8(ascii: "#") else { return false }
        var previous: UInt8 = 0, inQuery = false
        for c in rest {
            if c <= 0x20 || c == 0x7F || (c == UInt8(ascii: "#") && previous == UInt8(ascii: "?")) { return false }
            if !inQuery {
                if c == UInt8(ascii: ";") || c == UInt8(ascii: "[") || c == UInt8(ascii: "]") { return false }
                if c == UInt8(ascii: "?") || c == UInt8(ascii: "#") { inQuery = true }
            }
            previous = c
        }
        return true
    }

    @Test func plainHTTPURLsAreRecognisedAsTheRuleSays() {
        var rng = SeededRandom(state: 0x0EE1)
        let parts = ["a", "example.org", "/", "path", "?", "#", "q=1", "&amp;", ";", "[", "]", " ", "\t", "\u{7F}",
                     "é", "%20", "x", "yy", "zzzzzzzz"]
        for _ in 0..<20_000 {
            var url = rng.below(5) == 0 ? "ftp://" : (rng.below(2) == 0 ? "http://" : "https://")
            for _ in 0..<rng.below(14) { url += parts[rng.below(parts.count)] }
            let bytes = Array(url.utf8)
            let got = bytes.withUnsafeBufferPointer { URLResolver.isPlainHTTPURL($0) }
            #expect(got == Self.plainByTheRule(bytes), "\(url.debugDescription)")
        }
    }
}
