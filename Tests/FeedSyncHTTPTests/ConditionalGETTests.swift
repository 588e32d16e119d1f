import FeedSyncCore
@testable import FeedSyncHTTP
import Testing

@Suite("Conditional GET")
struct ConditionalGETTests {
    // Deliberately odd but legal validators: a weak ETag with spaces and a date in an obsolete
    // form. A client that reformats instead of echoing fails these.
    let etag = #"W/"v1 2;x=\y""#
    let lastModified = "Sunday, 06-Nov-94 08:49:37 GMT"

    @Test func firstFetchReturnsValidatorsAsSent() async throws {
        let server = try await FaultServer()
        try server.route("/feed", ["body": "<rss/>", "etag": etag, "last_modified": lastModified])
        let result = await makeFetcher().fetch(request(server.url("/feed")))
        let response = try #require(result.response)
        #expect(response.status == 200)
        #expect(response.header("etag") == etag)
        #expect(response.header("Last-Modified") == lastModified)
        #expect(String(decoding: response.body, as: UTF8.self) == "<rss/>")
    }

    @Test func validatorsAreEchoedByteForByteAnd304IsNotModified() async throws {
        let server = try await FaultServer()
        try server.route("/feed", ["body": "<rss/>", "etag": etag, "last_modified": lastModified])
        let result = await makeFetcher().fetch(request(server.url("/feed")) {
            $0.etag = etag
            $0.lastModified = lastModified
        })
        let response = try #require(result.notModifiedResponse)
        #expect(response.status == 304)
        #expect(response.header("ETag") == etag)
        let seen = try #require(try server.requests("/feed").first)
        #expect(seen.header("If-None-Match") == etag)
        #expect(seen.header("If-Modified-Since") == lastModified)
    }

    @Test func lastModifiedAloneGives304() async throws {
        let server = try await FaultServer()
        try server.route("/feed", ["body": "<rss/>", "last_modified": lastModified])
        let result = await makeFetcher().fetch(request(server.url("/feed")) { $0.lastModified = lastModified })
        #expect(result.notModifiedResponse != nil)
        #expect(try server.requests("/feed").first?.header("If-None-Match") == nil)
    }

    @Test func staleValidatorGetsTheNewBody() async throws {
        let server = try await FaultServer()
        try server.route("/feed", ["body": "new", "etag": "\"v2\""])
        let result = await makeFetcher().fetch(request(server.url("/feed")) { $0.etag = "\"v1\"" })
        #expect(result.bodyText == "new")
        #expect(result.response?.header("ETag") == "\"v2\"")
    }

    @Test func noValidatorsMeansNoConditionalHeaders() async throws {
        let server = try await FaultServer()
        try server.route("/feed", ["body": "x"])
        _ = await makeFetcher().fetch(request(server.url("/feed")))
        let seen = try #require(try server.requests("/feed").first)
        #expect(seen.header("If-None-Match") == nil)
        #expect(seen.header("If-Modified-Since") == nil)
    }
}

@Suite("Content decoding")
struct ContentDecodingTests {
    @Test func gzipBodyIsDecoded() async throws {
        let server = try await FaultServer()
        let text = String(repeating: "<item>gzip</item>", count: 500)
        try server.route("/gz", ["body": text, "gzip": true])
        let result = await makeFetcher().fetch(request(server.url("/gz")))
        #expect(result.bodyText == text)
        #expect(result.response?.header("Content-Encoding") == "gzip")
        let accept = try #require(try server.requests("/gz").first?.header("Accept-Encoding"))
        #expect(accept.contains("gzip"))
        #expect(accept.contains("br"))
    }

    @Test func deflateBodyIsDecoded() async throws {
        let server = try await FaultServer()
        try server.route("/df", ["body": "deflated text", "deflate": true])
        #expect(await makeFetcher().fetch(request(server.url("/df"))).bodyText == "deflated text")
    }
}
