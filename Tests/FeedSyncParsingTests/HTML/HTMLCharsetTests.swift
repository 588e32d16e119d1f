@testable import FeedSyncParsing
import Testing

@Suite("HTML charset detection")
struct HTMLCharsetTests {
    static let metaCP1251 = Array(#"<html><head><meta charset="windows-1251"><title>x</title>"#.utf8)

    @Test func byteOrderMarkWinsOverEverything() {
        let bytes: [UInt8] = [0xEF, 0xBB, 0xBF] + Self.metaCP1251
        #expect(CharsetSniffer.sniff(bytes, contentType: "text/html; charset=koi8-r").encoding.lowercased() == "utf-8")
    }

    @Test func httpHeaderWinsOverMeta() {
        #expect(CharsetSniffer.sniff(Self.metaCP1251, contentType: "text/html; charset=\"KOI8-R\"").encoding.lowercased() == "koi8-r")
    }

    @Test func metaCharsetIsUsedWithoutAHeaderCharset() {
        #expect(CharsetSniffer.sniff(Self.metaCP1251, contentType: "text/html").encoding.lowercased() == "windows-1251")
    }

    @Test func httpEquivContentTypeIsUnderstood() {
        let bytes = Array(#"<meta http-equiv="Content-Type" content="text/html; charset=iso-8859-2">"#.utf8)
        #expect(CharsetSniffer.sniff(bytes, contentType: nil).encoding.lowercased() == "iso-8859-2")
    }

    @Test func metaInsideACommentIsIgnored() {
        let bytes = Array(#"<!-- <meta charset="koi8-r"> --><meta charset="windows-1251">"#.utf8)
        #expect(CharsetSniffer.sniff(bytes, contentType: nil).encoding.lowercased() == "windows-1251")
    }

    @Test func latin1LabelsMeanWindows1252() {
        #expect(CharsetSniffer.canonicalName("ISO-8859-1") == "windows-1252")
        #expect(CharsetSniffer.canonicalName("latin1") == "windows-1252")
        #expect(CharsetSniffer.canonicalName("us-ascii") == "windows-1252")
    }

    @Test func unknownLabelsAreIgnored() {
        #expect(CharsetSniffer.canonicalName("x-no-such-charset") == nil)
        #expect(CharsetSniffer.sniff(Array("<p>plain</p>".utf8), contentType: "text/html; charset=bogus").encoding.lowercased() == "utf-8")
    }

    @Test func guessIsUTF8OnlyForValidUTF8() {
        #expect(CharsetSniffer.sniff(Array("<p>naïve</p>".utf8), contentType: nil).encoding.lowercased() == "utf-8")
        #expect(CharsetSniffer.sniff([0x3C, 0x70, 0x3E, 0xE9, 0x3C], contentType: nil).encoding.lowercased() == "windows-1252")
    }

    @Test func utf16MetaOnAnASCIICompatiblePageMeansUTF8() {
        #expect(CharsetSniffer.sniff(Array(#"<meta charset="utf-16">"#.utf8), contentType: nil).encoding.lowercased() == "utf-8")
    }
}
