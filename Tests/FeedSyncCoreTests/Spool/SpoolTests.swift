import FeedSyncCore
import Foundation
import Testing

@Suite struct SpoolTests {
    func tempDir() -> String {
        let d = NSTemporaryDirectory() + "feedsync-spool-\(UUID().uuidString)"
        try? FileManager.default.createDirectory(atPath: d, withIntermediateDirectories: true)
        return d
    }

    @Test func createsTheMaildirLayout() throws {
        let root = tempDir() + "/spool"
        _ = try Spool(root: root)
        for sub in ["tmp", "new", "cur"] { #expect(FileManager.default.fileExists(atPath: root + "/" + sub)) }
    }

    @Test func publishMovesACompleteFileIntoNew() throws {
        let spool = try Spool(root: tempDir())
        try spool.writeTemporary(name: "a.json", contents: Array("{}\n".utf8))
        try spool.makeDurable()
        #expect(try spool.publish(name: "a.json"))
        try spool.syncNew()
        #expect(FileManager.default.contents(atPath: spool.newDir + "/a.json") == Data("{}\n".utf8))
        #expect(spool.temporaryFiles().isEmpty)
        #expect(spool.isDelivered(name: "a.json"))
    }

    @Test func publishNeverReplacesAnExistingItem() throws {
        let spool = try Spool(root: tempDir())
        try spool.writeTemporary(name: "a.json", contents: Array("first".utf8))
        try spool.publish(name: "a.json")
        try spool.writeTemporary(name: "a.json", contents: Array("second".utf8))
        #expect(try spool.publish(name: "a.json") == false)
        #expect(FileManager.default.contents(atPath: spool.newDir + "/a.json") == Data("first".utf8))
    }

    @Test func itemsMovedToCurWithMaildirFlagsCountAsDelivered() throws {
        let spool = try Spool(root: tempDir())
        try spool.writeTemporary(name: "m1", contents: [1])
        try spool.publish(name: "m1")
        try FileManager.default.moveItem(atPath: spool.newDir + "/m1", toPath: spool.curDir + "/m1:2,S")
        #expect(spool.isDelivered(name: "m1"))
        #expect(!spool.isDelivered(name: "m2"))
    }

    @Test func namesSortInDeliveryOrderAndCarrySourceAndKey() {
        var namer = SpoolNamer()
        let a = namer.name(source: "src", id: "0123456789abcdef0123", at: 5_000_000, format: .json)
        let b = namer.name(source: "src", id: "ffff", at: 5_000_000, format: .json)
        let c = namer.name(source: "aaa", id: "0000", at: 4_000_000, format: .json)   // clock went back
        #expect(a < b && b < c)
        #expect(a == "0000000005000000.000000.src.0123456789abcdef.json")
    }

    @Test func writeErrorNamesTheSpoolPath() throws {
        let spool = try Spool(root: tempDir())
        #expect {
            try spool.writeTemporary(name: "no/such/dir", contents: [1])
        } throws: { error in
            "\(error)".contains(spool.tmpDir)
        }
    }
}

@Suite struct MaildirMessageTests {
    @Test func encodesNonASCIISubjectsAndKeepsHeadersASCII() {
        var e = FeedEntry()
        e.title = "Zürich: новости"
        e.link = "https://example.org/a"
        e.published = Timestamp(seconds: 1_700_000_000)
        let item = SpoolItem(id: "abc", event: .new, source: "s", sourceURL: "https://example.org/feed", feedTitle: "F",
                             feedLink: nil, entry: e, fetchedAt: Timestamp(seconds: 1_700_000_100))
        let text = String(decoding: MaildirMessage.render(item), as: UTF8.self)
        let head = text.components(separatedBy: "\r\n\r\n")[0]
        #expect(head.unicodeScalars.allSatisfy { $0.isASCII })
        #expect(head.contains("Subject: =?UTF-8?B?"))
        #expect(head.contains("Date: Tue, 14 Nov 2023 22:13:20 +0000"))
        #expect(head.contains("Message-ID: <abc.s@feedsync>"))
        #expect(text.contains("multipart/alternative"))
    }
}
