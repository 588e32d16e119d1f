import Testing
@testable import FeedSyncParsing

@Suite("Content selection")
struct ContentSelectionTests {
    private static let prose = [
        "The committee met on Tuesday to review the bridge inspection, which found corrosion in two of the main cables.",
        "Engineers said the bridge remained safe for cars, but lorries will be diverted while the cables are replaced.",
        "Work is expected to take eighteen months, and the council has asked the national government to share the cost.",
        "Local businesses on the far bank said the diversion would add half an hour to every delivery, at least.",
        "A public meeting will be held next month, and residents can send questions to the council in advance.",
    ]

    @Test("a multi-page article reports its next page, resolved, and drops the pager")
    func multiPageArticle() throws {
        let page = try ExtractionFixtures.extract("multipage", url: "https://maps.example.org/history-of-maps")
        #expect(page.nextPage == "https://maps.example.org/history-of-maps?page=2")
        #expect(page.text.contains("national surveys had measured whole countries"))
        #expect(!page.text.contains("Next page"))
        #expect(!page.text.contains("Page 1 of 3"))
    }

    @Test("an article cut into same-class chunks around an ad rail comes out whole")
    func splitArticleChunksMerged() {
        let chunk = { (i: Int) in "<div class=\"article-chunk\"><p>\(Self.prose[i])</p><p>\(Self.prose[(i + 1) % 5])</p></div>" }
        let html = "<html><body><div class=\"wrap\"><div class=\"row\">" + chunk(0)
            + "<div class=\"rail\"><a href=\"/x\">Most popular</a></div></div>"
            + "<div class=\"ad-slot\"></div><div class=\"row\">" + chunk(2) + "</div><div class=\"row\">" + chunk(3)
            + "</div></div></body></html>"
        let page = ExtractionFixtures.extract(html: html)
        #expect(page.text.contains("The committee met on Tuesday"))
        #expect(page.text.contains("Local businesses on the far bank"))
        #expect(!page.text.contains("Most popular"))
    }

    @Test("a hidden schema.org copy of the article is not extracted a second time")
    func hiddenMicrodataCopyIgnored() {
        let visible = Self.prose.map { "<p>\($0)</p>" }.joined()
        let html = "<html><body><div class=\"story\">" + visible + "</div>"
            + "<div style=\"display: none\" itemscope itemtype=\"http://schema.org/NewsArticle\">"
            + "<div itemprop=\"articleBody\">" + visible + "</div><div itemprop=\"datePublished\">2024-01-01</div></div>"
            + "</body></html>"
        let page = ExtractionFixtures.extract(html: html)
        #expect(page.text.components(separatedBy: "The committee met on Tuesday").count == 2)
        #expect(!page.text.contains("2024-01-01"))
    }

    @Test("paragraphs beside the winning block are kept; a sidebar of links beside it is not")
    func siblingParagraphsKept() {
        let html = "<html><body><div class=\"outer\"><p>\(Self.prose[0])</p>"
            + "<div class=\"inner\">" + Self.prose[1...3].map { "<p>\($0)</p>" }.joined() + "</div>"
            + "<p>\(Self.prose[4])</p>"
            + "<div><a href=\"/1\">Weather</a> <a href=\"/2\">Traffic</a> <a href=\"/3\">Sport results</a></div>"
            + "</div></body></html>"
        let page = ExtractionFixtures.extract(html: html)
        #expect(page.text.contains("The committee met on Tuesday"))
        #expect(page.text.contains("A public meeting will be held"))
        #expect(!page.text.contains("Sport results"))
    }

    @Test("text separates paragraphs with a blank line and keeps inline markup inside words")
    func textLayout() {
        let page = ExtractionFixtures.extract(html: "<html><body><div><p>\(Self.prose[0]) <b>Bold</b>face.</p><p>"
            + Self.prose[1] + "<br>Second line.</p><p>\(Self.prose[2])</p></div></body></html>")
        #expect(page.text.contains("cables. Boldface.\n\nEngineers said"))
        #expect(page.text.contains("replaced.\nSecond line.\n\nWork is expected"))
    }

    @Test("the html output is the article's markup, without the page around it")
    func htmlIsArticleMarkup() throws {
        let page = try ExtractionFixtures.extract("jsonld-metadata")
        #expect(page.html.contains("<p>A workshop on the coast"))
        #expect(!page.html.contains("<script"))
        #expect(!page.html.contains("<h1>Glassblowers"))
    }

    @Test("a fragment without <html> or <body>, led by a void element, is read whole")
    func fragmentWithoutHTMLElement() {
        let page = ContentExtractor.extract(Array("<meta charset=\"utf-8\"><p>First part.</p><p>Second part.</p>".utf8),
                                            url: nil, contentType: nil)
        #expect(page.text.contains("First part."))
        #expect(page.text.contains("Second part."))
    }

    @Test("a script-rendered page with an empty shell falls back to its JSON-LD articleBody, paragraphs kept")
    func emptyShellUsesDeclaredBody() {
        let body = Self.prose.joined(separator: "\\n")
        let html = "<html><head><script type=\"application/ld+json\">{\"@type\": \"NewsArticle\", \"headline\": \"Bridge\", "
            + "\"articleBody\": \"\(body)\"}</script></head><body><div id=\"app\"></div></body></html>"
        let page = ExtractionFixtures.extract(html: html)
        #expect(page.text.hasPrefix("The committee met on Tuesday"))
        #expect(page.text.contains("corrosion in two of the main cables.\n\nEngineers said"))
        #expect(page.html.hasPrefix("<div><p>The committee met"))
    }

    @Test("<base href> is the base for the next page's URL")
    func baseHrefResolvesNextPage() {
        let page = ExtractionFixtures.extract(html: "<html><head><base href=\"https://cdn.example.net/articles/\">"
            + "<link rel=\"next\" href=\"story-2.html\"></head><body><p>\(Self.prose[0])</p></body></html>",
            url: "https://www.example.org/story-1.html")
        #expect(page.nextPage == "https://cdn.example.net/articles/story-2.html")
    }
}
