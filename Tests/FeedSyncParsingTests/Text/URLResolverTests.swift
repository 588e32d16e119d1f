import FeedSyncParsing
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
}
