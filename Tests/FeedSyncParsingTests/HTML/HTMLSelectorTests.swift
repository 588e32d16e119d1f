@testable import FeedSyncParsing
import FeedSyncCore
import Testing

@Suite("HTML selector expressions")
struct HTMLSelectorTests {
    static let page = #"""
    <html><body><ul>
    <li id="l1"><a class="item-link" href="/one" title="@x">One</a></li>
    <li id="l2"><a class="item-link" href="/two">Two</a></li>
    </ul></body></html>
    """#

    @Test func trailingAttributeTakesTheAttributeValue() throws {
        #expect(try HTMLTestSupport.ids(matching: "a.item-link@href", in: Self.page) == ["/one", "/two"])
    }

    @Test func bareAttributeTakesTheContextsOwnAttribute() throws {
        let s = try HTMLSelector("@href")
        #expect(s.xpath == "@href")
    }

    @Test func attributeOfASelectorListAppliesToEveryAlternative() throws {
        #expect(try HTMLTestSupport.ids(matching: "#l2 a, #l1 a @href", in: Self.page) == ["/one", "/two"])
    }

    @Test func atSignInsideBracketsIsPartOfTheSelector() throws {
        #expect(try !HTMLSelector(#"a[title="@x"]"#).xpath.hasSuffix("@x"))
        #expect(try HTMLTestSupport.ids(matching: #"a[title="@x"]@href"#, in: Self.page) == ["/one"])
    }

    @Test func xpathPrefixIsUsedAsIs() throws {
        #expect(try HTMLTestSupport.ids(matching: "xpath://li[@id='l2']", in: Self.page) == ["l2"])
        #expect(try HTMLSelector("xpath: //li/a/@href").xpath == "//li/a/@href")
    }

    @Test func invalidXPathIsReportedWithTheSelector() {
        let message = HTMLSourceParser.validate(selector: "xpath://li[")
        #expect(message == "invalid selector \"xpath://li[\": not a valid XPath 1.0 expression")
    }

    @Test func invalidCSSIsReportedWithSelectorReasonAndPosition() {
        let message = HTMLSourceParser.validate(selector: "li.item > ")
        #expect(message == "invalid selector \"li.item > \": selector ends after a combinator at position 11")
    }

    @Test func badAttributeNameIsRejected() {
        #expect(HTMLSourceParser.validate(selector: "a@hr ef")?.contains("is not an attribute name") == true)
    }

    @Test func emptySelectorIsRejected() {
        #expect(HTMLSourceParser.validate(selector: "  ") == "invalid selector \"  \": it is empty")
    }

    @Test func validSelectorsValidate() {
        for s in ["li.item", "h2 a", "a.item-link@href", "time@datetime", "div.summary", "xpath://h1", "@href",
                  "article:not(.ad) > h2:first-child", "tr:nth-child(2n+1) td"] {
            #expect(HTMLSourceParser.validate(selector: s) == nil, "\(s)")
        }
    }

    @Test func specValidationNamesTheKey() {
        var spec = SelectorSpec(item: "li.item", title: "h2 a", link: "a[href@href")
        #expect(HTMLSourceParser.validate(spec)?.hasPrefix("select.link: invalid selector \"a[href@href\"") == true)
        spec.link = "a@href"
        spec.dateFormat = "%d.%m.%Q"
        #expect(HTMLSourceParser.validate(spec) == "select.date_format: invalid date_format \"%d.%m.%Q\": unknown directive '%Q'")
        spec.dateFormat = "%d.%m.%Y"
        #expect(HTMLSourceParser.validate(spec) == nil)
    }

    @Test func parsingWithABadSelectorThrowsNamingIt() {
        let request = ParseRequest(url: "https://x.example/", type: .html, select: SelectorSpec(item: "li:hover"))
        #expect(throws: ParseError("invalid selector \"li:hover\": unsupported pseudo-class ':hover' at position 9")) {
            try HTMLSourceParser.parse(Array(Self.page.utf8), request: request)
        }
    }
}
