import FeedSyncCore
@testable import FeedSyncHTTP
import Testing

@Suite("Redirects")
struct RedirectTests {
    @Test func permanentHopIsRecordedWithItsStatus() async throws {
        let server = try await FaultServer()
        try server.route("/old", ["status": 301, "redirect": "/new"])
        try server.route("/new", ["body": "moved"])
        let response = try #require(await makeFetcher().fetch(request(server.url("/old"))).response)
        #expect(response.body == Array("moved".utf8))
        #expect(response.effectiveURL == server.url("/new"))
        #expect(response.redirects == [RedirectHop(status: 301, from: server.url("/old"), to: server.url("/new"))])
        #expect(response.permanentRedirectTarget == server.url("/new"))
    }

    @Test func temporaryHopIsRecordedButNotPermanent() async throws {
        let server = try await FaultServer()
        try server.route("/tmp", ["status": 302, "redirect": server.url("/target")])
        try server.route("/target", ["body": "t"])
        let response = try #require(await makeFetcher().fetch(request(server.url("/tmp"))).response)
        #expect(response.redirects.map(\.status) == [302])
        #expect(response.permanentRedirectTarget == nil)
    }

    @Test func chainRecordsEveryHopInOrder() async throws {
        let server = try await FaultServer()
        try server.route("/a", ["status": 308, "redirect": "/b"])
        try server.route("/b", ["status": 301, "redirect": "/c"])
        try server.route("/c", ["status": 307, "redirect": "/d"])
        try server.route("/d", ["body": "end"])
        let response = try #require(await makeFetcher().fetch(request(server.url("/a"))).response)
        #expect(response.redirects.map(\.status) == [308, 301, 307])
        #expect(response.redirects.map(\.to) == ["/b", "/c", "/d"].map { server.url($0) })
        // Only the permanent prefix of the chain is remembered.
        #expect(response.permanentRedirectTarget == server.url("/c"))
    }

    @Test func loopFailsAndSaysLoop() async throws {
        let server = try await FaultServer()
        try server.route("/x", ["status": 302, "redirect": "/y"])
        try server.route("/y", ["status": 302, "redirect": "/x"])
        let failure = try #require(await makeFetcher().fetch(request(server.url("/x"))).failure)
        #expect(failure.kind == .tooManyRedirects)
        #expect(failure.message.contains("loop"))
    }

    @Test func fiveHopsSucceedAndSixFail() async throws {
        let server = try await FaultServer()
        for i in 0..<6 { try server.route("/h\(i)", ["status": 302, "redirect": "/h\(i + 1)"]) }
        try server.route("/h6", ["body": "end"])
        let fetcher = makeFetcher()
        let five = await fetcher.fetch(request(server.url("/h1")))
        #expect(five.response?.redirects.count == 5)
        let six = try #require(await fetcher.fetch(request(server.url("/h0"))).failure)
        #expect(six.kind == .tooManyRedirects)
        #expect(!six.message.contains("loop"))
    }

    @Test func redirectToFileIsRefused() async throws {
        let server = try await FaultServer()
        try server.route("/evil", ["status": 301, "redirect": "file:///etc/passwd"])
        let failure = try #require(await makeFetcher().fetch(request(server.url("/evil"))).failure)
        #expect(failure.kind == .forbidden)
        #expect(failure.message.contains("file:///etc/passwd"))
    }

    @Test func relativeLocationIsResolvedAgainstTheRequestURL() async throws {
        let server = try await FaultServer()
        try server.route("/dir/feed", ["status": 301, "redirect": "../other/feed?x=1"])
        try server.route("/other/feed", ["body": "ok"])
        let response = try #require(await makeFetcher().fetch(request(server.url("/dir/feed"))).response)
        #expect(response.redirects.first?.to == server.url("/other/feed?x=1"))
    }

    @Test func zeroMaxRedirectsReturnsTheRedirectAsAStatus() async throws {
        let server = try await FaultServer()
        try server.route("/old", ["status": 301, "redirect": "/new"])
        let failure = try #require(await makeFetcher().fetch(request(server.url("/old")) { $0.maxRedirects = 0 }).failure)
        #expect(failure.kind == .httpStatus)
        #expect(failure.status == 301)
    }
}
