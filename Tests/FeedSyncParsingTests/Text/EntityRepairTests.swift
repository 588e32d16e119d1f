@testable import FeedSyncParsing
import Testing

@Suite struct EntityRepairTests {
    private func repair(_ s: String) -> String {
        var r = EntityRepair()
        let bytes = Array(s.utf8)
        let out = bytes.withUnsafeBufferPointer { r.repair($0) }
        return out.map { String(decoding: $0, as: UTF8.self) } ?? s
    }

    @Test func htmlEntitiesBecomeNumericReferences() {
        #expect(repair("a&nbsp;b&eacute;") == "a&#160;b&#233;")
    }

    @Test func xmlEntitiesAndCharacterReferencesStay() {
        #expect(repair("&lt;&amp;&#65;&#x41;&quot;&apos;&gt;") == "&lt;&amp;&#65;&#x41;&quot;&apos;&gt;")
    }

    @Test func bareAmpersandsAndUnknownNamesBecomeText() {
        #expect(repair("AT&T & &bogus; &#0;") == "AT&amp;T &amp; &amp;bogus; &amp;#0;")
    }

    @Test func cdataCommentsAndTheDoctypeAreUntouched() {
        let s = "<!DOCTYPE x [<!ENTITY e \"&#38;\">]><![CDATA[&nbsp;]]><!-- &nbsp; -->&e;"
        #expect(repair(s) == s)
    }

    @Test func upperCaseHexReferenceIsMadeXML() {
        #expect(repair("&#X41;") == "&#x41;")
    }
}
