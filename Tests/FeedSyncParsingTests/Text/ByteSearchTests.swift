import Testing
@testable import FeedSyncParsing

/// The byte-sequence search and the replace-all built on it (author cleanup, link repair).
@Suite struct ByteSearchTests {
    private func find(_ needle: String, in hay: String, from: Int = 0) -> Int {
        Array(needle.utf8).withUnsafeBufferPointer { n in
            Array(hay.utf8).withUnsafeBufferPointer { ByteScan.find(n, in: $0, from: from) }
        }
    }

    @Test func findsTheFirstOccurrenceAtOrAfterTheStart() {
        #expect(find("bc", in: "abcabc") == 1)
        #expect(find("bc", in: "abcabc", from: 2) == 4)
        #expect(find("abd", in: "ababd") == 2)  // a false start on the first byte
        #expect(find("cd", in: "abc") == 3)  // not found: the haystack's count
        #expect(find("abcd", in: "abc") == 3)  // needle longer than what is left
        #expect(find("", in: "abc", from: 1) == 1)
        #expect(find("é", in: "café au lait") == 3)
    }

    @Test func replacingAllReplacesEveryNonOverlappingOccurrence() {
        #expect("a&amp;b&amp;".replacingAll("&amp;", with: "&") == "a&b&")
        #expect("aaa".replacingAll("aa", with: "b") == "ba")
        #expect("x (ed@example.org)".replacingAll("ed@example.org", with: "") == "x ()")
        #expect("nothing here".replacingAll("()", with: "") == "nothing here")
        #expect("()".replacingAll("()", with: "") == "")
        #expect("abc".replacingAll("", with: "z") == "abc")
        #expect("déjà déjà".replacingAll("jà", with: "ja") == "déja déja")
    }

    @Test func userLandNamespacesAreRecognisedAnywhereInTheURI() {
        #expect(FeedNamespaces.isUserland("http://backend.userland.com/rss2"))
        #expect(FeedNamespaces.isUserland("https://backend.userland.com/rss091"))
        #expect(!FeedNamespaces.isUserland("http://backend.userland.com/blogchannelmodule"))
        #expect(!FeedNamespaces.isUserland("backend.userland.com/rs"))
    }

    /// The small decoder JSON-LD strings and OPML titles share.
    @Test func basicEntitiesAndNumericReferencesAreDecoded() {
        #expect(HTMLEntities.decodeBasic("AT&amp;T &lt;b&gt; &quot;x&quot; &apos;y&apos;") == "AT&T <b> \"x\" 'y'")
        #expect(HTMLEntities.decodeBasic("a&nbsp;b &#233; &#xE9; &#XE9;") == "a b é é é")
        #expect(HTMLEntities.decodeBasic("&eacute; & &bogus; &#xZZ; a&b") == "&eacute; & &bogus; &#xZZ; a&b")
        #expect(HTMLEntities.decodeBasic("AT&amp;amp;T") == "AT&amp;T")  // one level only
        #expect(HTMLEntities.decodeBasic("no references") == "no references")
    }
}
