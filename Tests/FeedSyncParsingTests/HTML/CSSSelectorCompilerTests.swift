@testable import FeedSyncParsing
import Testing

@Suite("CSS selector compiler")
struct CSSSelectorCompilerTests {
    static let page = """
    <html><body>
    <div id="root" class="wrap main">
      <ul id="list">
        <li id="l1" class="item first">one <a id="a1" href="/1" class="item-link">One</a></li>
        <li id="l2" class="item">two <a id="a2" href="https://x.example/2" title="Go There">Two</a></li>
        <li id="l3" class="item ad">three <a id="a3" href="/3.pdf" data-kind="doc">Three</a></li>
        <li id="l4" class="item items">four</li>
      </ul>
      <p id="p1" lang="en-GB">para</p>
      <p id="p2" lang="en">para</p>
      <p id="p3" lang="english">para</p>
      <div id="d1"><span id="s1"></span></div>
    </div>
    </body></html>
    """

    func ids(_ selector: String) throws -> [String] { try HTMLTestSupport.ids(matching: selector, in: Self.page) }

    @Test func typeSelectorMatchesEveryElementOfThatName() throws {
        #expect(try ids("li") == ["l1", "l2", "l3", "l4"])
    }

    @Test func typeSelectorIsCaseInsensitive() throws {
        #expect(try ids("LI") == ["l1", "l2", "l3", "l4"])
    }

    @Test func classSelectorMatchesWholeClassTokensOnly() throws {
        #expect(try ids(".item") == ["l1", "l2", "l3", "l4"])
        #expect(try ids(".first") == ["l1"])
        #expect(try ids(".ite") == [])
    }

    @Test func compoundOfSeveralClassesNeedsAll() throws {
        #expect(try ids("li.item.ad") == ["l3"])
    }

    @Test func idSelectorMatchesOneElement() throws {
        #expect(try ids("#l2") == ["l2"])
    }

    @Test func attributePresence() throws {
        #expect(try ids("a[title]") == ["a2"])
    }

    @Test func attributeEquals() throws {
        #expect(try ids("a[href='/1']") == ["a1"])
        #expect(try ids("a[data-kind=doc]") == ["a3"])
    }

    @Test func attributeContainsPrefixSuffix() throws {
        #expect(try ids("a[href*='x.example']") == ["a2"])
        #expect(try ids("a[href^='/']") == ["a1", "a3"])
        #expect(try ids("a[href$=\".pdf\"]") == ["a3"])
    }

    @Test func emptyValueForSubstringOperatorsMatchesNothing() throws {
        #expect(try ids("a[href^='']") == [])
        #expect(try ids("a[href*='']") == [])
        #expect(try ids("a[href$='']") == [])
    }

    @Test func attributeWordAndDashMatch() throws {
        #expect(try ids("li[class~=ad]") == ["l3"])
        #expect(try ids("p[lang|=en]") == ["p1", "p2"])
    }

    @Test func caseInsensitiveAttributeFlag() throws {
        #expect(try ids("a[title='go there' i]") == ["a2"])
        #expect(try ids("a[title='go there']") == [])
    }

    @Test func descendantCombinatorCrossesLevels() throws {
        #expect(try ids("div li a") == ["a1", "a2", "a3"])
    }

    @Test func childCombinatorOnlyDirectChildren() throws {
        #expect(try ids("ul > a") == [])
        #expect(try ids("li > a") == ["a1", "a2", "a3"])
        #expect(try ids("#root>p") == ["p1", "p2", "p3"])
    }

    @Test func siblingCombinators() throws {
        #expect(try ids("#l1 + li") == ["l2"])
        #expect(try ids("#l2 ~ li") == ["l3", "l4"])
    }

    @Test func selectorListIsInDocumentOrder() throws {
        #expect(try ids("#p1, #l1") == ["l1", "p1"])
    }

    @Test func nthChildForms() throws {
        #expect(try ids("li:nth-child(2)") == ["l2"])
        #expect(try ids("li:nth-child(odd)") == ["l1", "l3"])
        #expect(try ids("li:nth-child(even)") == ["l2", "l4"])
        #expect(try ids("li:nth-child(2n+2)") == ["l2", "l4"])
        #expect(try ids("li:nth-child(-n+2)") == ["l1", "l2"])
        #expect(try ids("li:nth-child(2n-1)") == ["l1", "l3"])
        #expect(try ids("li:nth-child(n)") == ["l1", "l2", "l3", "l4"])
    }

    @Test func firstAndLastChild() throws {
        #expect(try ids("li:first-child") == ["l1"])
        #expect(try ids("li:last-child") == ["l4"])
    }

    @Test func ofTypePseudoClasses() throws {
        #expect(try ids("p:nth-of-type(2)") == ["p2"])
        #expect(try ids("p:first-of-type") == ["p1"])
        #expect(try ids("p:last-of-type") == ["p3"])
    }

    @Test func emptyPseudoClass() throws {
        #expect(try ids("span:empty") == ["s1"])
        #expect(try ids("li:empty") == [])
    }

    @Test func notExcludesEachAlternative() throws {
        #expect(try ids("li:not(.ad)") == ["l1", "l2", "l4"])
        #expect(try ids("li:not(.ad, .first)") == ["l2", "l4"])
        #expect(try ids("#root > :not(ul):not(div)") == ["p1", "p2", "p3"])
    }

    @Test func leadingCombinatorIsRelativeToTheContext() throws {
        #expect(try ids("> html > body > div > p#p2") == ["p2"])
        #expect(try ids("> body") == [])
    }

    @Test func escapedCharactersInClassNames() throws {
        let html = #"<div><b id="x" class="md:flex">x</b></div>"#
        #expect(try HTMLTestSupport.ids(matching: #"b.md\:flex"#, in: html) == ["x"])
    }

    @Test func valuesWithBothQuoteKindsStillMatch() throws {
        let html = #"<p id="q" title="it's &quot;x&quot;">q</p>"#
        #expect(try HTMLTestSupport.ids(matching: #"p[title="it's \"x\""]"#, in: html) == ["q"])
    }

    @Test(arguments: [
        ("li[", "expected attribute name"),
        ("li:hover", "unsupported pseudo-class ':hover'"),
        ("a >", "selector ends after a combinator"),
        ("li:nth-child(x)", "invalid an+b expression"),
        ("p::before", "pseudo-elements"),
        (":first-of-type", "needs an element name"),
        ("li,", "empty selector"),
        ("li ]", "unexpected ']'"),
        ("a[href='x]", "unterminated string"),
    ])
    func badSelectorsFailWithAReason(selector: String, reason: String) {
        #expect(throws: CSSSelectorCompiler.SyntaxError.self) { try CSSSelectorCompiler.compile(selector) }
        do {
            _ = try CSSSelectorCompiler.compile(selector)
        } catch {
            #expect(error.message.contains(reason), "\(selector): \(error.message)")
        }
    }

    @Test func xpathLiteralUsesConcatForMixedQuotes() {
        #expect(CSSSelectorCompiler.literal("a") == "'a'")
        #expect(CSSSelectorCompiler.literal("it's") == "\"it's\"")
        #expect(CSSSelectorCompiler.literal("it's \"x\"") == "concat('it',\"'\",'s \"x\"')")
    }
}
