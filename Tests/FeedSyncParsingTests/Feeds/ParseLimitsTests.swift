import FeedSyncCore
import FeedSyncParsing
import Foundation
import Testing

/// Start tags libxml2 takes quadratic time over are refused before it reads them, and the time
/// budget and cancellation stop a long parse (issue 16.4, 16.10).
@Suite struct ParseLimitsTests {
    private func attributes(_ n: Int, quote: String = "\"") -> String {
        (0..<n).map { "a\($0)=\(quote)v\(quote)" }.joined(separator: " ")
    }

    private func refusal(_ xml: String, type: SourceType = .auto, contentType: String? = nil,
                         limits: ParseLimits = ParseLimits()) -> String? {
        let request = ParseRequest(contentType: contentType, type: type)
        do {
            _ = try FeedParser(limits: limits).parse(Array(xml.utf8), request: request)
            return nil
        } catch {
            return error.message
        }
    }

    @Test func elementWithHundredThousandAttributesIsRefusedAtOnce() throws {
        let xml = "<rss version=\"2.0\"><channel><title>t</title>\n<item \(attributes(100_000))><title>x</title></item></channel></rss>"
        #expect(xml.utf8.count > 1_000_000)
        var message: String?
        let seconds = FeedTest.seconds { message = refusal(xml) }
        #expect(message?.contains("line 2: an element has more than 1000 attributes") == true)
        #expect(seconds < 0.5)
    }

    @Test func elementAtTheAttributeLimitParses() throws {
        let doc = try FeedTest.parse("<rss version=\"2.0\"><channel><title>t</title><item \(attributes(1000))><title>x</title></item></channel></rss>")
        #expect(doc.entries.count == 1)
        #expect(!doc.bozo)
    }

    @Test func valuelessAttributesCount() {
        let names = (0..<2000).map { "b\($0)" }.joined(separator: " ")
        #expect(refusal("<rss version=\"2.0\"><channel><item \(names)/></channel></rss>")?.contains("more than 1000 attributes") == true)
    }

    @Test func attributesInCommentsCDATAAndInstructionsDoNotCount() throws {
        let many = "<x \(attributes(2000))>"
        let xml = "<rss version=\"2.0\"><!-- \(many) --><?pi \(many) ?><channel><title>t</title>"
            + "<item><description><![CDATA[\(many)]]></description></item></channel></rss>"
        let doc = try FeedTest.parse(xml)
        #expect(doc.entries.count == 1)
    }

    @Test func startTagOverOneMegabyteIsRefused() {
        let value = String(repeating: "v", count: 1_100_000)
        #expect(refusal("<rss version=\"2.0\"><channel><item a=\"\(value)\"/></channel></rss>")?
            .contains("a start tag spans more than 1048576 bytes") == true)
    }

    @Test func tagHiddenInAnEntityBehindACharacterReferenceCounts() {
        let xml = "<?xml version=\"1.0\"?><!DOCTYPE rss [<!ENTITY e \"&#60;x \(attributes(2000, quote: "'"))/>\">]>"
            + "<rss version=\"2.0\"><channel><title>&e;</title></channel></rss>"
        #expect(refusal(xml)?.contains("more than 1000 attributes") == true)
    }

    @Test func declaredDefaultAttributesCount() {
        let decls = (0..<1000).map { "<!ATTLIST item d\($0) CDATA 'v'>" }.joined()
        let xml = "<?xml version=\"1.0\"?><!DOCTYPE rss [\(decls)]><rss version=\"2.0\"><channel><item/></channel></rss>"
        #expect(refusal(xml)?.contains("the DTD declares more than 1000 attributes") == true)
    }

    @Test func htmlPageWithTooManyAttributesIsRefused() {
        let html = "<html><body><div \(attributes(5000))>x</div></body></html>"
        #expect(refusal(html, contentType: "text/html")?.contains("more than 1000 attributes") == true)
        #expect(refusal(html, type: .html)?.contains("more than 1000 attributes") == true)
    }

    @Test func scriptTextIsNotTakenForTags() throws {
        let code = (0..<3000).map { "if(a<b){x\($0)=1}" }.joined(separator: ";")
        let html = "<html><head><title>t</title><script>\(code)</script></head><body><p>text</p></body></html>"
        #expect(refusal(html, type: .html) == nil)
    }

    @Test func overTheTimeBudgetStopsWithAnErrorNamingIt() {
        let items = (0..<2000).map { "<item><title>t\($0)</title></item>" }.joined()
        let xml = "<rss version=\"2.0\"><channel>\(items)</channel></rss>"
        let message = refusal(xml, limits: ParseLimits(timeBudget: .zero))
        #expect(message?.contains("CPU time budget") == true)
        #expect(refusal(xml) == nil)
    }

    @Test func cancellationStopsAParse() async {
        let items = (0..<20_000).map { "<item><title>t\($0)</title></item>" }.joined()
        let bytes = Array("<rss version=\"2.0\"><channel>\(items)</channel></rss>".utf8)
        let task = Task { () -> String in
            while !Task.isCancelled { await Task.yield() }
            do {
                _ = try FeedParser().parse(bytes, request: ParseRequest())
                return "parsed"
            } catch {
                return "\(error)"
            }
        }
        task.cancel()
        #expect(await task.value == "parse cancelled (shutdown)")
    }
}
