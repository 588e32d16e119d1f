@testable import FeedSyncCore
import Foundation
import Testing

/// Maildir++ folder names from tags, and reading an item's folder back from its file.
@Suite struct MaildirFolderTests {
    @Test func tagsBecomeSafeFolderNames() {
        #expect(MaildirFolder.name(forTag: "world") == ".world")
        #expect(MaildirFolder.name(forTag: "tech/gadgets") == ".tech_gadgets")
        #expect(MaildirFolder.name(forTag: "../etc") == ".___etc")
        #expect(MaildirFolder.name(forTag: "Zürich news") == ".Zürich news")
        #expect(MaildirFolder.name(forTag: "\u{1}") == "._")
    }

    @Test func publicationsNameTheFolderOfTheFirstTag() {
        #expect(MaildirFolder.publication("f1", tags: ["a", "b"]) == ".a/f1")
        #expect(MaildirFolder.publication("f1", tags: []) == "f1")
        #expect(MaildirFolder.split(".a/f1") == (".a", "f1"))
        #expect(MaildirFolder.split("f1") == (nil, "f1"))
    }

    @Test func anItemFileNamesItsFolder() {
        var item = SpoolItem(id: "k", event: .new, source: "s", sourceURL: "u", feedTitle: nil, feedLink: nil,
                             entry: FeedEntry(), fetchedAt: Timestamp(seconds: 0))
        item.tags = ["Zürich", "news"]
        #expect(MaildirFolder.folder(ofItem: MaildirMessage.render(item)) == ".Zürich")
        #expect(MaildirFolder.folder(ofItem: Array(item.jsonValue.serialized().utf8)) == ".Zürich")
        item.tags = []
        #expect(MaildirFolder.folder(ofItem: MaildirMessage.render(item)) == nil)
    }

    @Test func rebuildIdentifiesMaildirMessages() {
        let item = SpoolItem(id: "key1", event: .new, source: "src", sourceURL: "u", feedTitle: nil, feedLink: nil,
                             entry: FeedEntry(), fetchedAt: Timestamp(seconds: 0))
        let identity = SpoolRebuild.identify(Data(MaildirMessage.render(item)))
        #expect(identity?.0 == "src" && identity?.1 == "key1")
    }
}
