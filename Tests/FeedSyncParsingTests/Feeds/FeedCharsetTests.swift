import FeedSyncCore
import FeedSyncParsing
import Testing

@Suite struct FeedCharsetTests {
    /// An RSS document whose title is `title`, encoded by `encode`, declaring `declared` (if any).
    private func document(title: [UInt8], declared: String?) -> [UInt8] {
        let prolog = declared.map { "<?xml version=\"1.0\" encoding=\"\($0)\"?>" } ?? ""
        return Array("\(prolog)<rss version=\"2.0\"><channel><title>".utf8) + title
            + Array("</title></channel></rss>".utf8)
    }

    /// A body expected to be UTF-8 goes to libxml2 unvalidated; libxml2's own check must send
    /// every kind of invalid UTF-8 back to the careful path. A streaming parse (which validates
    /// first) is the reference: encoding, reason and text must match it, for a well-formed and
    /// for a broken document.
    @Test(arguments: [
        [UInt8]([0x4B, 0xF6, 0x6C, 0x6E]),  // a Latin-1 ö
        [0xC0, 0xAF],  // an overlong '/'
        [0xE0, 0x80, 0xAF],  // an overlong three-byte '/'
        [0xED, 0xA0, 0x80],  // a surrogate
        [0xF4, 0x90, 0x80, 0x80],  // above U+10FFFF
        [0x61, 0xE2, 0x82],  // a truncated sequence
        [0x80, 0x41],  // a lone continuation byte
        [0xFF, 0xFE, 0x41],  // bytes UTF-8 never uses
    ])
    func invalidUTF8IsReadAsIfValidatedFirst(title: [UInt8]) throws {
        for declared in [nil, "utf-8"] {
            for broken in [false, true] {
                var bytes = document(title: title, declared: declared)
                if broken { bytes.removeLast(6) }  // "</rss>"
                let doc = try FeedTest.parse(bytes)
                let reference = try FeedParser().parse(bytes, request: ParseRequest()) { _ in }
                let what = "\(title) declared \(declared ?? "-") broken \(broken)"
                #expect(doc.encoding != "utf-8", "\(what)")
                #expect(doc.encoding == reference.encoding, "\(what)")
                #expect(doc.bozoReason == reference.bozoReason, "\(what)")
                #expect(doc.feed.title == reference.feed.title, "\(what)")
            }
        }
    }

    @Test func utf8IsTheDefault() throws {
        let doc = try FeedTest.parse(document(title: Array("Köln".utf8), declared: nil))
        #expect(doc.encoding == "utf-8")
        #expect(doc.feed.title == "Köln")
        #expect(!doc.bozo)
    }

    @Test func xmlDeclarationChoosesTheEncoding() throws {
        let doc = try FeedTest.parse(document(title: [0x4B, 0xF6, 0x6C, 0x6E], declared: "iso-8859-1"))
        #expect(doc.encoding == "iso-8859-1")
        #expect(doc.feed.title == "Köln")
    }

    @Test func windows1251IsDecoded() throws {
        // "Новости" in windows-1251.
        let doc = try FeedTest.parse(document(title: [0xCD, 0xEE, 0xE2, 0xEE, 0xF1, 0xF2, 0xE8], declared: "windows-1251"))
        #expect(doc.feed.title == "Новости")
    }

    @Test func windows1252QuotesInADocumentLabelledLatin1AreRecovered() throws {
        // 0x93/0x94 are C1 controls in ISO-8859-1 but quotes in windows-1252, which is what was meant.
        let doc = try FeedTest.parse(document(title: [0x93, 0x68, 0x69, 0x94], declared: "iso-8859-1"))
        #expect(doc.feed.title == "\u{201C}hi\u{201D}")
    }

    @Test func utf16WithByteOrderMarkIsDecoded() throws {
        var bytes: [UInt8] = [0xFF, 0xFE]
        for unit in "<rss><channel><title>Zürich</title></channel></rss>".utf16 {
            bytes.append(UInt8(unit & 0xFF))
            bytes.append(UInt8(unit >> 8))
        }
        let doc = try FeedTest.parse(bytes)
        #expect(doc.encoding == "utf-16le")
        #expect(doc.feed.title == "Zürich")
    }

    @Test func utf8ByteOrderMarkIsSkipped() throws {
        let doc = try FeedTest.parse([0xEF, 0xBB, 0xBF] + document(title: Array("é".utf8), declared: nil))
        #expect(doc.feed.title == "é")
        #expect(doc.encoding == "utf-8")
    }

    @Test func httpCharsetOverridesTheDeclarationForApplicationXML() throws {
        let doc = try FeedTest.parse(document(title: Array("Köln".utf8), declared: "iso-8859-1"),
                                     contentType: "application/rss+xml; charset=utf-8")
        #expect(doc.encoding == "utf-8")
        #expect(doc.feed.title == "Köln")
    }

    @Test func textXMLWithoutCharsetIsUSASCII() throws {
        let doc = try FeedTest.parse(document(title: Array("plain".utf8), declared: "iso-8859-1"), contentType: "text/xml")
        #expect(doc.encoding == "us-ascii")
        #expect(!doc.bozo)
    }

    @Test func textXMLWithoutCharsetButNonASCIIFallsBackAndIsBozo() throws {
        let doc = try FeedTest.parse(document(title: Array("Köln".utf8), declared: nil), contentType: "text/xml")
        #expect(doc.bozo)
        #expect(doc.encoding == "utf-8")
        #expect(doc.feed.title == "Köln")
    }

    @Test func textPlainIsBozo() throws {
        let doc = try FeedTest.parse(document(title: Array("x".utf8), declared: nil), contentType: "text/plain")
        #expect(doc.bozo)
    }

    @Test func wrongDeclarationIsRecoveredAndReported() throws {
        // Declared UTF-8, but Latin-1 bytes: windows-1252 is tried next.
        let doc = try FeedTest.parse(document(title: [0x4B, 0xF6, 0x6C, 0x6E], declared: "utf-8"))
        #expect(doc.bozo)
        #expect(doc.encoding == "windows-1252")
        #expect(doc.feed.title == "Köln")
    }

    @Test func gb2312IsReadAsGB18030() throws {
        // "中" in GB2312.
        let doc = try FeedTest.parse(document(title: [0xD6, 0xD0], declared: "gb2312"))
        #expect(doc.encoding == "gb18030")
        #expect(doc.feed.title == "中")
    }

    @Test(arguments: [("cp1251", "Ђ"), ("koi8-r", "─"), ("ibm437", "Ç"), ("mac-roman", "Ä"), ("macgreek", "Ä"),
                      ("cp037", "Ø")])
    func singleByteCodePagesAreDecoded(label: String, expected: String) throws {
        var bytes: [UInt8]
        if label == "cp037" {
            // The whole document in EBCDIC: encode ASCII markup through iconv's tables is overkill;
            // build `<?xml ... encoding="cp037"?><rss><channel><title>\x80</title>...` by hand.
            bytes = FeedTest.ebcdic("<?xml version=\"1.0\" encoding=\"cp037\"?><rss><channel><title>") + [0x80]
                + FeedTest.ebcdic("</title></channel></rss>")
        } else {
            bytes = document(title: [0x80], declared: label)
        }
        let doc = try FeedTest.parse(bytes)
        #expect(doc.feed.title == expected)
        #expect(doc.encoding == label)
    }
}

extension FeedTest {
    /// ASCII text in EBCDIC code page 037 (enough of it for markup).
    static func ebcdic(_ s: String) -> [UInt8] {
        let table: [Character: UInt8] = [
            "<": 0x4C, ">": 0x6E, "?": 0x6F, "/": 0x61, "=": 0x7E, "\"": 0x7F, " ": 0x40, ".": 0x4B, "-": 0x60,
            "0": 0xF0, "1": 0xF1, "3": 0xF3, "7": 0xF7,
        ]
        let lower = Array("abcdefghijklmnopqrstuvwxyz")
        let lowerCodes: [UInt8] = [0x81, 0x82, 0x83, 0x84, 0x85, 0x86, 0x87, 0x88, 0x89, 0x91, 0x92, 0x93, 0x94,
                                   0x95, 0x96, 0x97, 0x98, 0x99, 0xA2, 0xA3, 0xA4, 0xA5, 0xA6, 0xA7, 0xA8, 0xA9]
        return s.map { c in
            if let i = lower.firstIndex(of: c) { return lowerCodes[i] }
            return table[c] ?? 0x6F
        }
    }
}

