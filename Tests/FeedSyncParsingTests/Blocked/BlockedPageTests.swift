import FeedSyncCore
@testable import FeedSyncParsing
import Testing

/// Walls in front of content (bot challenges, login walls, parked domains) are recognised by what
/// their kind has in common, and never become a page to watch.
@Suite struct BlockedPageTests {
    static func page(title: String, head: String = "", body: String) -> [UInt8] {
        Array("<!DOCTYPE html><html><head><title>\(title)</title>\(head)</head><body>\(body)</body></html>".utf8)
    }

    static let interstitial = page(
        title: "Just a moment...",
        head: #"<meta name="robots" content="noindex,nofollow"><script src="/cdn-cgi/challenge-platform/h/g/orchestrate/chl_page/v1?ray=8f2a"></script>"#,
        body: #"<div class="main-wrapper"><h1>www.example.org</h1><h2>Checking if the site connection is secure</h2><div id="challenge-stage"></div><p>www.example.org needs to review the security of your connection before proceeding.</p><div class="footer">Ray ID: 8f2a91c0ce4d12ab</div></div>"#)

    static let captchaWall = page(
        title: "Security check",
        head: #"<script src="https://www.google.com/recaptcha/api.js" async defer></script>"#,
        body: #"<form method="post" action="/verify"><p>Please complete the security check to access this site.</p><div class="g-recaptcha" data-sitekey="6Lc_x"></div><button>Continue</button></form>"#)

    static let otherVendorChallenge = page(
        title: "example.net",
        head: #"<script>var dd={'cid':'AHrlqAAAAAMA','hsh':'2211F5','t':'fe','host':'geo.captcha-delivery.com'}</script><script src="https://ct.captcha-delivery.com/c.js"></script>"#,
        body: #"<iframe src="https://geo.captcha-delivery.com/captcha/?initialCid=AHrl" title="DataDome CAPTCHA" width="100%" height="100%"></iframe>"#)

    static let browserCheck = page(
        title: "Please Wait... | Protection",
        body: #"<div><h1>Checking your browser before accessing example.com.</h1><p>This process is automatic. Your browser will redirect to your requested content shortly.</p><p>Please allow up to 5 seconds…</p></div>"#)

    static let loginWall = page(
        title: "Sign in to continue – Example Intranet",
        body: #"<main><h1>Sign in</h1><form action="/session" method="post"><label>Email <input type="email" name="email"></label><label>Password <input type="password" name="password"></label><button type="submit">Log in</button></form><a href="/reset">Forgot your password?</a></main>"#)

    static let parked = page(
        title: "quietharbour-news.com",
        body: #"<div class="container"><h1>quietharbour-news.com</h1><p>This domain is for sale!</p><p>Make an offer on this domain today. Related searches: <a href="/?q=news">News</a> <a href="/?q=harbour">Harbour</a></p></div>"#)

    @Test(arguments: [
        (interstitial, BlockedPage.Kind.botChallenge, #"a bot challenge page ("Just a moment...")"#),
        (captchaWall, .botChallenge, #"a bot challenge page ("Security check")"#),
        (otherVendorChallenge, .botChallenge, #"a bot challenge page ("example.net")"#),
        (browserCheck, .botChallenge, #"a bot challenge page ("Please Wait... | Protection")"#),
        (loginWall, .loginWall, #"a login page ("Sign in to continue – Example Intranet")"#),
        (parked, .parkedDomain, #"a parked domain page ("quietharbour-news.com")"#),
    ])
    func wallsAreRecognisedAndDescribed(page: [UInt8], kind: BlockedPage.Kind, description: String) throws {
        let found = try #require(BlockedPageClassifier.classify(page, contentType: "text/html"))
        #expect(found.kind == kind)
        #expect(found.description == description)
    }

    @Test func aChallengeWithoutATitleIsDescribedByItsWording() throws {
        let page = Array("<html><body><p>Verify you are human by completing the action below.</p></body></html>".utf8)
        let found = try #require(BlockedPageClassifier.classify(page, contentType: nil))
        #expect(found.description == #"a bot challenge page ("verify you are human")"#)
    }

    @Test func anArticleAboutCaptchasIsNotAWall() {
        let paragraph = "<p>Researchers said the captcha widgets many sites use to verify you are human now cost visitors "
            + "several seconds each, and that checking your browser in the background works as well for most traffic.</p>"
        let page = Self.page(title: "Why captchas are getting harder", body: "<article><h1>Why captchas are getting harder</h1>"
            + String(repeating: paragraph, count: 14) + "</article>")
        #expect(BlockedPageClassifier.classify(page, contentType: "text/html") == nil)
    }

    @Test func aShortPageWithASignInLinkIsNotALoginWall() {
        let page = Self.page(title: "Opening hours", body: #"<header><a href="/login">Log in</a></header><main><h1>Opening hours</h1><p>Tuesday to Sunday, 10:00 to 17:00.</p></main>"#)
        #expect(BlockedPageClassifier.classify(page, contentType: nil) == nil)
    }

    @Test func aPageWithANewsletterFormIsNotAWall() {
        let page = Self.page(title: "Harbour news", body: #"<main><h1>Ferry timetable changes</h1><p>Late sailings return on Friday.</p></main><form><input type="email" placeholder="Your email"><button>Subscribe</button></form>"#)
        #expect(BlockedPageClassifier.classify(page, contentType: nil) == nil)
    }

    // MARK: In the parser

    @Test func aChallengeInPlaceOfAFeedIsAFailedParseNamingIt() {
        #expect(throws: ParseError(#"expected a feed, got an HTML page: a bot challenge page ("Just a moment...")"#)) {
            try FeedParser().parse(Self.interstitial, request: ParseRequest(url: "https://example.org/feed", contentType: "text/html"))
        }
    }

    @Test func aChallengeIsNeverAWatchedPageEvenForAnHTMLSource() {
        #expect(throws: ParseError(#"expected the page, got a bot challenge page ("Just a moment...")"#)) {
            try FeedParser().parse(Self.interstitial, request: ParseRequest(url: "https://example.org/", type: .html))
        }
    }

    @Test func aPageWhereAFeedWasExpectedIsAFailedParseNamingThePage() {
        let page = Self.page(title: "Welcome to our new website", body: "<main><h1>We moved</h1><p>Our news is now on the front page.</p></main>")
        #expect(throws: ParseError(#"expected a feed, got an HTML page ("Welcome to our new website")"#)) {
            try FeedParser().parse(page, request: ParseRequest(url: "https://example.org/rss", expectsFeed: true))
        }
    }

    @Test func aPageWhereNoFeedWasExpectedIsStillWatched() throws {
        let page = Self.page(title: "Welcome to our new website", body: "<main><h1>We moved</h1><p>Our news is now on the front page.</p></main>")
        let doc = try FeedParser().parse(page, request: ParseRequest(url: "https://example.org/"))
        #expect(doc.htmlExtraction == .page)
    }

    @Test func aFeedIsParsedWhenAFeedIsExpected() throws {
        let rss = Array(#"<rss version="2.0"><channel><title>t</title><item><title>a</title><guid>1</guid></item></channel></rss>"#.utf8)
        let doc = try FeedParser().parse(rss, request: ParseRequest(url: "https://example.org/rss", expectsFeed: true))
        #expect(doc.entries.count == 1)
    }
}
