import Testing
@testable import FeedSyncParsing

@Suite("Charset")
struct CharsetTests {
    @Test("the HTTP Content-Type charset outranks <meta>")
    func headerWins() {
        let bytes = Array("<meta charset=\"utf-8\"><p>x</p>".utf8)
        #expect(CharsetSniffer.sniff(bytes, contentType: "text/html; charset=ISO-8859-1").encoding == "windows-1252")
    }

    @Test("<meta charset> and <meta http-equiv> are read")
    func metaDeclarations() {
        let a = Array("<html><head><meta charset='windows-1251'></head>".utf8)
        let b = Array("<html><head><meta http-equiv=\"Content-Type\" content=\"text/html; charset=Shift_JIS\">".utf8)
        #expect(CharsetSniffer.sniff(a, contentType: nil).encoding == "windows-1251")
        #expect(CharsetSniffer.sniff(b, contentType: nil).encoding == "CP932")
    }

    @Test("a byte-order mark wins over everything")
    func bomWins() {
        #expect(CharsetSniffer.sniff([0xEF, 0xBB, 0xBF, 0x41], contentType: "text/html; charset=latin1").encoding == "UTF-8")
    }

    @Test("undeclared bytes are UTF-8 when valid, else windows-1252")
    func undeclaredFallback() {
        #expect(CharsetSniffer.sniff(Array("caf\u{e9}".utf8), contentType: nil).encoding == "UTF-8")
        #expect(CharsetSniffer.sniff([0x63, 0x61, 0x66, 0xE9, 0x20, 0x6F, 0x6B], contentType: nil).encoding == "windows-1252")
    }

    @Test("a stale Latin-1 <meta> over valid UTF-8 bytes is read as UTF-8")
    func staleLatinDeclaration() {
        let bytes = Array("<meta charset=\"iso-8859-1\"><p>caf\u{e9} cr\u{e8}me</p>".utf8)
        #expect(CharsetSniffer.sniff(bytes, contentType: nil).encoding == "UTF-8")
    }

    @Test("a Latin-1 page declared in <meta http-equiv> decodes its umlauts")
    func latin1PageDecodes() throws {
        let page = try ExtractionFixtures.extract("german-latin1")
        #expect(page.text.contains("Bäckermeister"))
        #expect(page.text.contains("schließen"))
    }

    @Test("the HTTP header charset decodes a page whose <meta> says otherwise")
    func headerCharsetDecodes() {
        let html = "<html><head><meta charset=\"utf-8\"></head><body><p>Caf\u{e9} au lait, cr\u{e8}me br\u{fb}l\u{e9}e.</p></body></html>"
        let latin1 = Array(html.unicodeScalars.map { UInt8(truncatingIfNeeded: $0.value) })
        let page = ContentExtractor.extract(latin1, url: nil, contentType: "text/html; charset=iso-8859-1")
        #expect(page.text.contains("Café au lait, crème brûlée."))
    }

    @Test("bytes windows-1252 leaves undefined do not cut the page short")
    func windows1252UndefinedBytes() {
        let bytes = Array("<html><body><p>Caf".utf8) + [0xE9, 0x8D, 0x20, 0x90] + Array(" au lait.</p><p>Second paragraph.</p></body></html>".utf8)
        let page = ContentExtractor.extract(bytes, url: nil, contentType: "text/html; charset=windows-1252")
        #expect(page.text.contains("Café"))
        #expect(page.text.contains("Second paragraph."))
    }

    @Test("an invalid byte in a GBK page is replaced and the rest of the page still decodes")
    func gbkInvalidByte() {
        let bytes = Array("<p>".utf8) + [0xC4, 0xE3, 0xBA, 0xC3, 0xFF] + Array("</p><p>".utf8) + [0xCA, 0xC0, 0xBD, 0xE7]
            + Array("</p>".utf8)
        let page = ContentExtractor.extract(bytes, url: nil, contentType: "text/html; charset=gbk")
        #expect(page.text.contains("你好\u{FFFD}"))
        #expect(page.text.contains("世界"))
    }

    @Test("invalid UTF-8 is repaired byte by byte, valid UTF-8 passes through unchanged")
    func utf8Repair() {
        let valid = Array("naïve – 世界".utf8)
        #expect(Transcoder.repairUTF8(valid) == valid)
        #expect(Transcoder.repairUTF8([0x61, 0xC3, 0x62]) == [0x61, 0xEF, 0xBF, 0xBD, 0x62])
        #expect(Transcoder.repairUTF8([0x61, 0xED, 0xA0, 0x80]) == [0x61] + Array(repeating: Transcoder.replacement, count: 3).flatMap { $0 })
    }

    @Test("an unknown charset label falls back to windows-1252 instead of failing")
    func unknownCharset() {
        #expect(Transcoder.toUTF8([0x63, 0x61, 0x66, 0xE9], from: "x-no-such-charset") == Array("café".utf8))
    }
}
