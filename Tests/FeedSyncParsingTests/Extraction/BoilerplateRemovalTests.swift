import Testing
@testable import FeedSyncParsing

@Suite("Boilerplate removal")
struct BoilerplateRemovalTests {
    @Test("an aggregator page keeps its story and drops the full-text related stories that outweigh it")
    func aggregatorRelatedStoriesDropped() throws {
        let page = try ExtractionFixtures.extract("aggregator-article")
        #expect(page.text.hasPrefix("PORTVALE: The harbour council voted on Thursday"))
        #expect(page.text.contains("as long as anyone could remember."))
        #expect(!page.text.contains("Lowmere"))
        #expect(!page.text.contains("Related Articles"))
        #expect(!page.text.contains("Orchard growers"))
    }

    @Test("promo blocks ('Try Our AI Features', 'DOWNLOAD THE APP', store badges) never reach the text")
    func aggregatorPromosDropped() throws {
        let page = try ExtractionFixtures.extract("aggregator-article")
        for s in ["Try Our AI Features", "DOWNLOAD THE APP", "Download Digest app", "app-store", "play-store",
                  "Explore what Digest AI"] {
            #expect(!page.text.contains(s), "\(s)")
            #expect(!page.html.contains(s), "\(s)")
        }
    }

    @Test("an empty comment widget ('Comments', 'No comments yet...') is dropped")
    func emptyCommentWidgetDropped() throws {
        let page = try ExtractionFixtures.extract("aggregator-article")
        #expect(!page.text.contains("No comments yet"))
        #expect(!page.text.contains("Comments"))
    }

    @Test("a comment thread with long comments and a reply form is dropped, the post kept")
    func commentThreadDropped() throws {
        let page = try ExtractionFixtures.extract("blog-comments")
        #expect(page.text.contains("The lathe arrived on a pallet"))
        #expect(page.text.contains("a pulley nobody has made since the seventies."))
        for s in ["4 Comments", "heat gun", "felt wipers", "Leave a Reply", "Post Comment", "Reply", "February 2025"] {
            #expect(!page.text.contains(s), "\(s)")
        }
    }

    @Test("a newsletter call to action inside the story and an app box after it are dropped")
    func newsletterAndAppPromosDropped() throws {
        let page = try ExtractionFixtures.extract("newsletter-promo")
        #expect(page.text.contains("porous asphalt"))
        #expect(page.text.contains("block light and views."))
        #expect(!page.text.contains("Sign up"))
        #expect(!page.text.contains("Download the Metro app"))
        #expect(!page.text.contains("Get the app"))
    }

    @Test("a share bar of social links is dropped")
    func shareBarDropped() throws {
        let page = try ExtractionFixtures.extract("newsletter-promo")
        #expect(!page.text.contains("Facebook"))
        #expect(!page.html.contains("sharer.php"))
    }

    @Test("a 'You may also like' list and an inline 'Read more:' link line are dropped")
    func relatedListDropped() throws {
        let page = try ExtractionFixtures.extract("related-links")
        #expect(page.text.contains("white LED street lights"))
        #expect(page.text.contains("glowing skylines."))
        #expect(!page.text.contains("You may also like"))
        #expect(!page.text.contains("A comet will be visible"))
        #expect(!page.text.contains("The towns fighting to keep their skies dark"))
    }

    @Test("a byline line inside the article is dropped")
    func bylineLineDropped() throws {
        let page = try ExtractionFixtures.extract("related-links")
        #expect(!page.text.contains("By Lena Moritz"))
    }

    @Test("one-line furniture ('Advertisement') between paragraphs is dropped")
    func furnitureDropped() {
        let body = (1...4).map { "<p>Paragraph \($0) of a story about canal boats, with enough words in it to count as prose, and a comma.</p>" }
        let page = ExtractionFixtures.extract(html: "<html><body><div>" + body[0] + body[1]
            + "<div>Advertisement</div>" + body[2] + body[3] + "</div></body></html>")
        #expect(page.text.contains("Paragraph 4"))
        #expect(!page.text.contains("Advertisement"))
    }

    @Test("mark labels boilerplate blocks with their reason and keeps their text")
    func markLabelsAndKeepsText() throws {
        let tree = try #require(XMLTree.parseHTMLPage(try ExtractionFixtures.bytes("aggregator-article"), url: nil,
                                                       contentType: nil))
        let root = try #require(tree.root)
        let before = root.textContent
        let found = BoilerplateFilter.mark(tree)
        let reasons = Set(found.map(\.reason))
        #expect(reasons.isSuperset(of: [.promo, .comments, .related]))
        #expect(root.textContent.contains("Try Our AI Features"))
        #expect(before.contains("Related Articles"))
        let related = tree.select("//*[@data-feedsync-boilerplate='related']")
        #expect(related.count == 1)
        #expect(related.first?.textContent.contains("Related Articles") == true)
    }

    @Test("forItemLists keeps related-story sections, which are a landing page's items")
    func itemListOptionsKeepRelatedSections() throws {
        let tree = try #require(XMLTree.parseHTMLPage(try ExtractionFixtures.bytes("aggregator-article"), url: nil,
                                                       contentType: nil))
        let root = try #require(tree.root)
        BoilerplateFilter.strip(tree, options: .forItemLists)
        let text = root.textContent
        #expect(text.contains("Lowmere"))
        #expect(!text.contains("DOWNLOAD THE APP"))
    }

    /// Three posts whose headline sits in the post's own `header.entry-header` and whose date sits in
    /// its `footer`, and a page header and footer around them.
    static let postList = "<html><body><header class=\"site-header\"><a href=\"/\">Workshop</a></header><main>"
        + (1...3).map { n in
            "<article class=\"post\"><header class=\"entry-header\"><h2><a href=\"/p/\(n)\">Post number \(n) about planes</a></h2></header>"
                + "<p>A paragraph of teaser text for post \(n), long enough to be read as prose by anyone.</p>"
                + "<footer class=\"entry-footer\"><time datetime=\"2025-06-0\(n)\">June \(n)</time></footer></article>"
        }.joined() + "</main><footer class=\"site-footer\">© Workshop</footer></body></html>"

    @Test("forItemLists keeps the headers and footers of the items, not the page's")
    func itemListOptionsKeepItemHeadersAndFooters() throws {
        let tree = try #require(XMLTree.parseHTMLPage(Array(Self.postList.utf8), url: nil, contentType: nil))
        BoilerplateFilter.strip(tree, options: .forItemLists)
        let root = try #require(tree.root)
        #expect(tree.select("//article/header//a").count == 3)
        #expect(tree.select("//article/footer/time").count == 3)
        #expect(!root.textContent.contains("© Workshop"))
        #expect(tree.select("//header[@class='site-header']").isEmpty)
    }

    @Test("the default options drop the headers and footers of articles too")
    func defaultOptionsDropSectionHeadersAndFooters() throws {
        let tree = try #require(XMLTree.parseHTMLPage(Array(Self.postList.utf8), url: nil, contentType: nil))
        BoilerplateFilter.strip(tree)
        #expect(tree.select("//article/header").isEmpty)
        #expect(tree.select("//article/footer").isEmpty)
    }

    @Test("blocks classed as related or trending are related sections, which forItemLists keeps")
    func relatedClassHints() throws {
        let html = "<html><body><div class=\"story\">" + String(repeating: "<p>Prose of the story, with a comma, and a full stop.</p>", count: 12)
            + "</div><div class=\"related-stories\"><a href=\"/a\">Another story entirely</a></div>"
            + "<div class=\"trending-now\"><a href=\"/b\">A story many people read</a></div></body></html>"
        let tree = try #require(XMLTree.parseHTMLPage(Array(html.utf8), url: nil, contentType: nil))
        let found = BoilerplateFilter.mark(tree)
        #expect(found.map(\.reason) == [.related, .related])
        let kept = try #require(XMLTree.parseHTMLPage(Array(html.utf8), url: nil, contentType: nil))
        #expect(BoilerplateFilter.strip(kept, options: .forItemLists).isEmpty)
    }

    @Test("short texts that are furniture by their wording alone")
    func furnitureTexts() {
        for text in ["Share this article", "Comments (12)", "No comments yet...", "Get Started Now: Download the App",
                     "Sign up for our newsletter", "ADVERTISEMENT"] {
            #expect(BoilerplateLexicon.isFurnitureText(text), "\(text)")
        }
        for text in ["Council approves flood defences for the old town", "Install the app, then sign in.", ""] {
            #expect(!BoilerplateLexicon.isFurnitureText(text), "\(text)")
        }
    }

    @Test("how-to steps that mention installing or downloading an app are content, not promos")
    func howToStepsKept() {
        let html = "<html><body><div class=\"guide\"><h1>Setting up the thermostat</h1>"
            + "<p>The thermostat is configured from a phone, and the whole setup takes about ten minutes, including pairing.</p>"
            + "<ol><li>Download the app from your phone's store.</li><li>Install the app, then sign in.</li>"
            + "<li>Hold the button for five seconds until the light blinks.</li></ol>"
            + "<p>Install the app on a second phone if more than one person needs to change the temperature.</p>"
            + "<p>If pairing fails, restart the thermostat by switching off the heating at the fuse box for a minute.</p>"
            + "</div></body></html>"
        let page = ExtractionFixtures.extract(html: html)
        #expect(page.text.contains("Download the app from your phone's store."))
        #expect(page.text.contains("Install the app, then sign in."))
        #expect(page.text.contains("Install the app on a second phone"))
    }

    @Test("a 'Comments' heading inside prose about code comments does not cut the article")
    func commentsHeadingInProseKept() {
        let para = "<p>Good comments explain why the code does something, not what it does, which the code already says.</p>"
        let html = "<html><body><div class=\"post\"><h2>Naming</h2>" + para + para + "<h2>Comments</h2>" + para + para
            + "<p>Delete comments that have gone stale: a wrong comment is worse than none, because readers trust it.</p>"
            + "</div></body></html>"
        let page = ExtractionFixtures.extract(html: html)
        #expect(page.text.contains("a wrong comment is worse than none"))
    }
}
