import FeedSyncCore
import Testing

@Suite struct ItemIdentityTests {
    func entry(id: String? = nil, link: String? = nil, title: String? = nil, published: Int64? = nil,
               summary: String? = nil) -> FeedEntry {
        var e = FeedEntry()
        e.id = id; e.link = link; e.title = title; e.summary = summary
        e.published = published.map(Timestamp.init)
        return e
    }

    let rules: [IdentityRule] = [.guid, .link, .titlePublished, .content]

    @Test func guidWinsThenLinkThenTitleDateThenContent() {
        let ids = ItemIdentity.identities(for: [
            entry(id: "g1", link: "http://a/1"),
            entry(link: "http://a/2"),
            entry(title: "T", published: 100),
            entry(summary: "only text"),
        ], source: "s", rules: rules)
        #expect(ids.map(\.rule) == [.guid, .link, .titlePublished, .content])
        #expect(Set(ids.map(\.key)).count == 4)
    }

    @Test func keysAreStableAndPerSource() {
        let a = ItemIdentity.identities(for: [entry(id: "g")], source: "one", rules: rules)[0].key
        let b = ItemIdentity.identities(for: [entry(id: "g")], source: "one", rules: rules)[0].key
        let c = ItemIdentity.identities(for: [entry(id: "g")], source: "two", rules: rules)[0].key
        #expect(a == b)
        #expect(a != c)
        #expect(a.count == 32)
    }

    @Test func duplicateGuidsInOneFeedAreDisambiguatedByLink() {
        let ids = ItemIdentity.identities(for: [entry(id: "same", link: "http://a/1"), entry(id: "same", link: "http://a/2")],
                                          source: "s", rules: rules)
        #expect(ids[0].key != ids[1].key)
    }

    @Test func linkRuleIgnoresTrackingParametersSchemeAndFragment() {
        let r: [IdentityRule] = [.link]
        let a = ItemIdentity.identities(for: [entry(link: "http://www.Example.com:80/a?id=1&utm_source=x#top")], source: "s", rules: r)
        let b = ItemIdentity.identities(for: [entry(link: "https://example.com/a?id=1&fbclid=abc")], source: "s", rules: r)
        #expect(a[0].key == b[0].key)
    }

    @Test func canonicalLinkKeepsMeaningfulQueryInStableOrder() {
        #expect(LinkCanonicalizer.canonical("https://x.org/p?b=2&a=1&gclid=z") == "//x.org/p?a=1&b=2")
        #expect(LinkCanonicalizer.canonical("HTTPS://X.ORG") == "//x.org/")
        #expect(LinkCanonicalizer.canonical("https://x.org:8443/p") == "//x.org:8443/p")
    }

    @Test func titleDateNormalizesCaseAndPunctuation() {
        let a = ItemIdentity.titleDateKey(entry(title: "Hello, World!", published: 5))
        let b = ItemIdentity.titleDateKey(entry(title: "hello   world", published: 5))
        #expect(a != nil && a == b)
        #expect(ItemIdentity.titleDateKey(entry(title: "No date")) == nil)
    }

    @Test func contentHashChangesWithWhatAReaderSees() {
        #expect(ItemIdentity.contentHash(entry(title: "a")) != ItemIdentity.contentHash(entry(title: "b")))
        #expect(ItemIdentity.contentHash(entry(id: "1", title: "a")) == ItemIdentity.contentHash(entry(id: "2", title: "a")))
    }
}

@Suite struct SHA256Tests {
    @Test func knownVectors() {
        #expect(SHA256.hex("") == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
        #expect(SHA256.hex("abc") == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        #expect(SHA256.hex("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq")
                == "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1")
        #expect(SHA256.hex(String(repeating: "a", count: 1000))
                == "41edece42d63e8d9bf515a9ba6932e1c20cbc9f5a5d134645adb5db1b9737ea3")
    }
}

@Suite struct JSONEscapingTests {
    @Test func escapesQuotesBackslashesAndControlsAndKeepsUnicode() {
        let v = JSONValue.string("a\"b\\c\nd\u{1}é😀")
        #expect(v.serialized() == "\"a\\\"b\\\\c\\nd\\u0001é😀\"")
    }
}
