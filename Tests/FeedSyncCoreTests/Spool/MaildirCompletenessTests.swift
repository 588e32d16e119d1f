@testable import FeedSyncCore
import Foundation
import Testing

/// What a Maildir message carries beyond title and text: the feed as sender, the list id,
/// the author, enclosures, a changed page's diff, readable text parts.
@Suite struct MaildirCompletenessTests {
    func item(_ configure: (inout FeedEntry, inout SpoolItem) -> Void = { _, _ in }) -> String {
        var e = FeedEntry()
        e.title = "Episode 12"
        e.link = "https://pod.example/12"
        e.text = "Show notes: we talk about harbours."
        e.content = "<p>Show notes</p>"
        e.author = Person(name: "Ada Host")
        var item = SpoolItem(id: "abc123", event: .new, source: "pod-cast", sourceURL: "https://pod.example/feed",
                             feedTitle: "Harbour Talk", feedLink: nil, entry: e, fetchedAt: Timestamp(seconds: 1_700_000_000))
        configure(&e, &item)
        item.entry = e
        return String(decoding: MaildirMessage.render(item), as: UTF8.self)
    }

    func headers(_ message: String) -> String { message.components(separatedBy: "\r\n\r\n")[0] }

    @Test func theFeedIsTheSenderAndTheSourceTheList() {
        let h = headers(item())
        #expect(h.contains("From: Harbour Talk <pod-cast@feedsync.invalid>"))
        #expect(h.contains("List-Id: Harbour Talk <pod-cast.feedsync>"))
        #expect(h.contains("X-Feedsync-Author: Ada Host"))
    }

    @Test func displayNamesWithSpecialsAreQuoted() {
        #expect(MaildirMessage.displayName("News, Sport & More") == "\"News, Sport & More\"")
        #expect(MaildirMessage.displayName("Say \"hi\"") == "\"Say \\\"hi\\\"\"")
        #expect(MaildirMessage.displayName("Zürich").hasPrefix("=?UTF-8?B?"))
        #expect(MaildirMessage.displayName("Plain") == "Plain")
    }

    @Test func enclosuresAreInBothParts() {
        let m = item { e, _ in e.enclosures = [Enclosure(url: "https://pod.example/12.mp3", type: "audio/mpeg", length: 482_113)] }
        #expect(m.contains("  https://pod.example/12.mp3 (audio/mpeg, 482113 bytes)"))
        #expect(QuotedPrintableTests().decode(m).contains("<li><a href=\"https://pod.example/12.mp3\">"))
    }

    @Test func aChangedPageCarriesItsDiff() {
        let m = item { _, i in i.event = .changed; i.diff = "@@ -1 +1 @@\n-Opening hours: 9-5\n+Opening hours: 9-6" }
        #expect(m.contains("Changes:\r\n@@ -1 +1 @@\r\n=2DOpening hours: 9-5\r\n+Opening hours: 9-6"))
        #expect(QuotedPrintableTests().decode(m).contains("<pre>@@ -1 +1 @@\n-Opening hours: 9-5\n+Opening hours: 9-6</pre>"))
    }

    @Test func textPartsAreQuotedPrintable() {
        let m = item()
        #expect(m.components(separatedBy: "Content-Transfer-Encoding: quoted-printable").count == 3)
        #expect(!m.contains("base64"))
        #expect(m.contains("Show notes: we talk about harbours."))
    }
}
