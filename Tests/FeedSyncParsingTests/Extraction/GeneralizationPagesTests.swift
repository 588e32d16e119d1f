import FeedSyncCore
@testable import FeedSyncParsing
import Foundation
import Testing

/// Pages unlike the extraction corpora (`Tests/Fixtures/generalization/extract`, written for
/// these tests): scripts without spaces between words, and posts split over sibling sections.
@Suite struct GeneralizationPagesTests {
    static func page(_ name: String) throws -> [UInt8] {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("Fixtures/generalization/extract/cases/\(name).html")
        return Array(try Data(contentsOf: url))
    }

    static func text(_ name: String) throws -> String {
        ContentExtractor.extract(try page(name), url: "https://example.org/a", contentType: nil).text
    }

    @Test func wordsAndColumnsMeanTheSameInEveryScript() {
        #expect(TextMeasure.words("Council approves new bus lanes") == 5)
        #expect(TextMeasure.words("图书馆夜间开放时间延长至晚上十点") == 8)
        #expect(TextMeasure.words("เทศบาลเปิดตลาดน้ำแห่งใหม่") == 12)  // 25 scalars
        #expect(TextMeasure.columns("abc") == 3)
        #expect(TextMeasure.columns("图书馆") == 6)
        #expect(TextMeasure.columns("한국어") == 6)
    }

    @Test func aChineseArticleInBrSeparatedTextIsReadWholeWithoutItsSidebarOrDateline() throws {
        let text = try Self.text("zh-br-article")
        #expect(text.hasPrefix("6月8日上午，我市首届非物质文化遗产文化周在市民广场正式开幕。"))
        #expect(text.contains("部分优秀作品将在市博物馆进行为期三个月的展览。"))
        #expect(!text.contains("市区部分路段将实施交通管制"), "a list of linked headlines with commas in them")
        #expect(!text.contains("浏览次数"), "the dateline")
    }

    @Test func aJapaneseArticleOfOneSentenceParagraphsKeepsEverySentence() throws {
        let text = try Self.text("ja-news-short")
        #expect(text.hasPrefix("市中心部の商店街に"))
        #expect(text.contains("今後は週末に農家が店頭に立つ対面販売も計画している。"))
        #expect(!text.contains("アクセスランキング") && !text.contains("うちの近所にも"))
    }

    @Test func aThaiPostWithoutPunctuationIsFound() throws {
        let text = try Self.text("th-blog")
        #expect(text.hasPrefix("หน้าฝนเป็นช่วงที่หลายคนคิดว่าปลูกผักง่าย"))
        #expect(text.contains("ยังมีผักสดๆ ไว้ทำกับข้าวทุกวันด้วย"))
        #expect(!text.contains("ขอบคุณสำหรับเคล็ดลับครับ"))
    }

    @Test func aPostSplitOverTwoPageBuilderSectionsIsJoined() throws {
        let text = try Self.text("blog-two-sections")
        for part in ["Last spring we decided to replace the lawn", "Wildflowers prefer poor soil",
                     "What happened next", "Yellow rattle was the most important plant", "The meadow is cut once a year"] {
            #expect(text.contains(part), "\(part)")
        }
        #expect(!text.contains("Get our monthly garden notes"))
        #expect(!text.contains("Pinterest"))
    }

    @Test func aChineseHeadlineListIsAListOfItems() throws {
        let html = """
        <html><body><ul class="news-list">
        <li><a href="/a/1.html">全市新增二十个社区食堂 老人就餐更方便</a><span>03-12</span></li>
        <li><a href="/a/2.html">地铁三号线北延段开始试运行</a><span>03-12</span></li>
        <li><a href="/a/3.html">春季植树活动启动市民可预约参加</a><span>03-11</span></li>
        </ul></body></html>
        """
        let doc = try HTMLSourceParser.parse(Array(html.utf8), request: ParseRequest(url: "https://city.example.cn/news/"))
        #expect(doc.htmlExtraction == .blocks)
        #expect(doc.entries.map(\.link) == ["https://city.example.cn/a/1.html", "https://city.example.cn/a/2.html",
                                            "https://city.example.cn/a/3.html"])
    }
}
