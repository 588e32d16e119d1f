import Testing
@testable import FeedSyncParsing

@Suite("Non-English pages")
struct MultilingualTests {
    @Test("a German page drops 'Weitere Artikel', 'Kommentare' and 'Anzeige'")
    func germanBoilerplate() throws {
        let page = try ExtractionFixtures.extract("german-latin1")
        #expect(page.text.contains("In Oberweiler haben sich mehr als zweihundert Einwohner"))
        #expect(page.text.contains("kämen nicht wieder."))
        for s in ["Weitere Artikel", "Neue Buslinie", "Kommentare", "Noch keine Kommentare", "Anzeige"] {
            #expect(!page.text.contains(s), "\(s)")
        }
    }

    @Test("a GB2312 Chinese page decodes, keeps its paragraphs and drops '相关文章'")
    func chinesePage() throws {
        let page = try ExtractionFixtures.extract("chinese-gb")
        #expect(page.title == "山区小学开通远程音乐课")
        #expect(page.text.hasPrefix("本学期起，县里十二所山区小学通过网络直播开设音乐课"))
        #expect(page.text.contains("教育局表示"))
        #expect(!page.text.contains("相关文章"))
        #expect(!page.text.contains("县城新建图书馆"))
    }

    @Test("labels fold case, digits and punctuation in any script")
    func labelForm() {
        #expect(BoilerplateLexicon.label("Comments (12)") == "comments")
        #expect(BoilerplateLexicon.label("  LESEN SIE AUCH: ") == "lesen sie auch")
        #expect(BoilerplateLexicon.label("相关文章") == "相关文章")
        #expect(BoilerplateLexicon.label("Читайте также") == "читайте также")
    }
}
